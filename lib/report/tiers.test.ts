import { describe, expect, it } from "vitest";
import { findMainTarget } from "./targets";
import { classifyTier, isNotACommitment } from "./tiers";

const tier = (text: string) => classifyTier(text, findMainTarget(text, 0, text.length));

describe("classifyTier", () => {
  it("a numeric target or count is trackable, with its reason", () => {
    expect(tier("地区生产总值增长5%左右")).toEqual({ tier: "trackable", reason: "target" });
    expect(tier("新建公园120座")).toEqual({ tier: "trackable", reason: "count" });
    expect(tier("细颗粒物年均浓度控制在29微克/立方米左右")).toEqual({
      tier: "trackable",
      reason: "target",
    });
  });

  it("checkable outcomes without a number are targets", () => {
    for (const t of [
      "居民收入增长与经济增长同步",
      "完成国家下达的降碳减排任务",
      "实现行政村5G网络全覆盖",
      "淀区水质稳定达到Ⅲ类",
      "自治区本级科技专项资金翻一番",
    ]) {
      expect(classifyTier(t, null), t).toEqual({ tier: "trackable", reason: "target" });
    }
  });

  it("named projects, facilities, events and designations are projects", () => {
    for (const t of [
      "开工建设13号线东延伸",
      "建成开放中国长城博物馆",
      "市疾控中心新址建成投用",
      "推进正阳门城楼开放、永定门城楼修缮",
      "办好北京国际电影节、音乐节等系列活动",
      "积极创建中轴线国家文物保护利用示范区",
      "完成第四次全国文物普查",
      "确保承秦高速公路开工建设",
    ]) {
      expect(classifyTier(t, null), t).toEqual({ tier: "trackable", reason: "project" });
    }
  });

  it("specific reform steps and dated actions", () => {
    expect(classifyTier("出台财政承受能力评估办法", null)).toEqual({
      tier: "trackable",
      reason: "reform",
    });
    expect(classifyTier("在自治区产业基金下设立科创子基金", null)).toEqual({
      tier: "trackable",
      reason: "reform",
    });
    expect(classifyTier("年底前完成全部老旧管网改造", null).tier).toBe("trackable");
  });

  it("direction: commitments with no checkable outcome, categories, development in general", () => {
    for (const t of [
      "加强生态环境保护",
      "深化放管服改革",
      "实施高新技术企业“量质提升”行动",
      "打造一批技术转移机构、中试熟化基地",
      "加快公立医院高质量发展",
      "推动重大外资项目落地",
      "建立项目档案",
      "推动“三医”协同发展",
    ]) {
      expect(classifyTier(t, null), t).toEqual({ tier: "direction", reason: null });
    }
  });
});

describe("isNotACommitment", () => {
  it("rhetoric, conduct, statements and fragments commit to nothing", () => {
    for (const t of [
      "坚决不要带血的GDP、有污的GDP、注水的GDP",
      "内蒙古是祖国的“北大门”、首都的“护城河”",
      "深刻汲取包钢板材厂爆炸事故教训",
      "守好财政金融风险底线",
      "说话要算数",
      "科学决策",
      "这些目标有些是预期性和导向性的",
      "企业好经济就好",
      "永葆清正廉洁的政治本色",
      "坚决克服形式主义、官僚主义",
    ]) {
      expect(isNotACommitment(t, null), t).toBe(true);
    }
  });

  it("keeps commitments, even those that open with 坚决 or carry a target", () => {
    for (const t of [
      "坚决遏制隐性债务增量",
      "坚决把减税降费政策落实到企业",
      "加强生态环境保护",
      "完成第四次全国文物普查",
      "做到应保尽保",
    ]) {
      expect(isNotACommitment(t, null), t).toBe(false);
    }
    expect(isNotACommitment("科学", findMainTarget("新建5个", 0, 4))).toBe(false);
  });
});
