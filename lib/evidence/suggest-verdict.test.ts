import { describe, expect, it } from "vitest";
import { describeVerdict, suggestVerdict, type VerdictEvidence } from "./suggest-verdict";

const strong = (text: string, sentence?: string): VerdictEvidence => ({
  text,
  start: 0,
  end: text.length,
  level: "strong",
  ...(sentence ? { sentence: { text: sentence, start: 0 } } : {}),
});

describe("suggestVerdict", () => {
  it("calls a pledge the review is silent on not verifiable", () => {
    const v = suggestVerdict({ text: "启动党政办公大楼建设" }, [
      { ...strong("向关心、支持海拉尔建设和发展的社会各界朋友"), level: "weak" },
    ]);
    expect(v).toMatchObject({ status: "not_verifiable", grounds: { kind: "silence" } });
    expect(v.reason).toMatch(/silent/);
  });

  it("judges every figure: growth met but level missed is partial, quoting both", () => {
    const v = suggestVerdict({ text: "区本级固定资产投资增长23%，达到100亿元" }, [
      strong("区本级全社会固定资产投资额完成90.7亿元，同比增长24.7%"),
    ]);
    expect(v.status).toBe("partial");
    expect(v.reason).toContain("24.7%");
    expect(v.reason).toContain("90.7亿元");
    expect(v.reason).toContain("“区本级全社会固定资产投资额完成90.7亿元，同比增长24.7%”");
  });

  it("calls a missed figure unfulfilled and a met one fulfilled, with high confidence on the same indicator", () => {
    expect(
      suggestVerdict({ text: "地区生产总值达到240亿元" }, [
        strong("全年地区生产总值完成235.2亿元，同比增长18.5%"),
      ]),
    ).toMatchObject({ status: "unfulfilled", confidence: "high" });
    expect(
      suggestVerdict({ text: "城镇登记失业率控制在4%以内" }, [strong("城镇登记失业率为3.79%")]),
    ).toMatchObject({ status: "fulfilled", confidence: "high" });
  });

  it("reads a figure from the evidence's sentence when the span itself has none", () => {
    const v = suggestVerdict({ text: "农民人均纯收入增长7%" }, [
      strong(
        "农民人均纯收入5130元",
        "预计全省城镇居民人均可支配收入14785元，农民人均纯收入5130元，分别增长10%和7%左右",
      ),
    ]);
    expect(v.status).toBe("fulfilled");
  });

  it("says a multi-year figure does not tell the year", () => {
    const v = suggestVerdict({ text: "高新技术产业增加值增长10%" }, [
      strong("高新技术产业增加值年均增长10%"),
    ]);
    expect(v).toMatchObject({ status: "not_verifiable", grounds: { kind: "multi-year" } });
  });

  it("takes the review's own admission as strong evidence", () => {
    const v = suggestVerdict({ text: "完成污水处理厂提标改造" }, [
      strong("污水处理厂提标改造工程进展滞后，没有完成年度任务"),
    ]);
    expect(v).toMatchObject({ status: "unfulfilled", grounds: { kind: "admission" } });
  });

  it("reads completion words against what the pledge asks", () => {
    expect(
      suggestVerdict({ text: "确保红星美凯龙主力店年内投入运营" }, [
        strong("红星美凯龙主力店主体工程完工"),
      ]).status,
    ).toBe("partial");
    expect(
      suggestVerdict({ text: "伊仕丹购物广场投入运营" }, [
        strong("投资6亿元的伊仕丹购物广场正式营业"),
      ]).status,
    ).toBe("fulfilled");
    expect(
      suggestVerdict({ text: "确保城市东西外环道路开工建设" }, [strong("公路东、西外环开工建设")])
        .status,
    ).toBe("fulfilled");
    expect(
      suggestVerdict({ text: "完成西出口路建设" }, [strong("投资1.4亿元的西出口道路工程进展顺利")])
        .status,
    ).toBe("partial");
    expect(
      suggestVerdict({ text: "加快两河圣山旅游景区建设" }, [
        strong("两河圣山旅游景区基础设施和功能日益完善"),
      ]).status,
    ).toBe("fulfilled");
  });

  it("calls a list of which only some items are reported partial", () => {
    const v = suggestVerdict({ text: "确保中成酒店、百府悦酒店投入运营" }, [
      strong("首旅京伦、凯景嘉华、百府悦等一批星级酒店相继竣工运营"),
    ]);
    expect(v).toMatchObject({
      status: "partial",
      grounds: { kind: "words", named: 1, missing: 1 },
    });
  });

  it("does not verify a numeric pledge from words alone, unless the review says all of it was done", () => {
    expect(
      suggestVerdict({ text: "新建改建农村户厕70万座" }, [strong("问题厕所“歼灭战”成效显著")])
        .status,
    ).toBe("not_verifiable");
    expect(
      suggestVerdict({ text: "实施5个村级卫生室项目" }, [strong("村级卫生室建设全部达标")]).status,
    ).toBe("fulfilled");
  });

  it("prefers linked evidence to suggestions", () => {
    const v = suggestVerdict({ text: "新建大棚300个" }, [
      { text: "建成蔬菜大棚300个", start: 5, end: 15, level: "linked" },
      strong("建成大棚200个"),
    ]);
    expect(v).toMatchObject({
      status: "fulfilled",
      grounds: { kind: "figures", quote: { start: 5, end: 15 } },
    });
  });

  it("describes the verdict in Chinese too, with the figures and the quote", () => {
    const v = suggestVerdict({ text: "地区生产总值达到240亿元" }, [
      strong("全年地区生产总值完成235.2亿元"),
    ]);
    const zh = describeVerdict(v, "zh");
    expect(zh).toContain("目标≥240亿元");
    expect(zh).toContain("实际235.2亿元（未达到）");
    expect(zh).toContain("“全年地区生产总值完成235.2亿元”");
  });
});
