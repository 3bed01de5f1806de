/**
 * Splitting rules of pledge extraction on a synthetic report (sentences written for the test,
 * so the rules are checked on text the parser was not tuned on).
 */
import { describe, expect, it } from "vitest";
import { parseReport } from "./parse-report";

const report = [
  "2021年示例市东城区政府工作报告",
  "各位代表:",
  "一、2020年工作回顾",
  "过去一年,全区完成地区生产总值120亿元,增长5%。",
  "二、2021年工作安排",
  "2021年全区经济社会发展的主要预期目标是:地区生产总值增长与全省同步,确保完成年度目标任务;一般公共预算收入增长5%左右。",
  "(一)推进城市建设",
  "加快基础设施建设。启动滨河公园扩建工程,力争年内投入使用。确保城东12公里供热、8公里燃气管网改造工程按期竣工。" +
    "年内完成1200户、16万平方米老旧小区改造。新建集图书馆、档案馆、文化馆为一体,布局合理、功能完善的文化综合体。" +
    "实施北街道路和地下管网改造工程,让出行更便捷。推进西站片区开发,力争东区污水厂年内完工。" +
    "建成社区活动场所8处,使居民活动有更多去处和更多可以使用的场所,满足群众日益增长的需求。" +
    "谋划储备项目突破80个,总投资突破300亿元。计划投资60万元在滨河路两侧栽植1500棵银杏。" +
    "城市社区服务站覆盖率达到90%1000平方米以上的社区达到40%。",
  "各位代表!让我们团结一心,努力奋斗!",
].join("\n");

describe("pledge splitting rules", () => {
  const pledges = parseReport(report).pledges;
  const texts = pledges.map((p) => p.text);
  const find = (t: string) => pledges.find((p) => p.text === t);

  it("keeps a deadline clause without a subject with the action it qualifies", () => {
    expect(texts).toContain("启动滨河公园扩建工程,力争年内投入使用");
  });

  it("keeps a clause naming another project separate", () => {
    expect(texts).toContain("推进西站片区开发");
    expect(texts).toContain("力争东区污水厂年内完工");
  });

  it("keeps a list with one shared predicate whole", () => {
    expect(find("确保城东12公里供热、8公里燃气管网改造工程按期竣工")?.target).toMatchObject({
      value: 12,
      unit: "公里",
    });
  });

  it("keeps coordinated quantities of one shared object together", () => {
    expect(find("年内完成1200户、16万平方米老旧小区改造")?.target).toMatchObject({
      value: 1200,
      unit: "户",
    });
  });

  it("does not cut a noun phrase at a comma", () => {
    expect(texts).toContain("新建集图书馆、档案馆、文化馆为一体,布局合理、功能完善的文化综合体");
  });

  it("attaches a short purpose tail and leaves out a long result clause", () => {
    expect(texts).toContain("实施北街道路和地下管网改造工程,让出行更便捷");
    expect(find("建成社区活动场所8处")?.target).toMatchObject({ value: 8, unit: "处" });
    expect(texts.some((t) => t.startsWith("使居民活动"))).toBe(false);
  });

  it("splits a second figure with its own comparator, and prefers the work over its budget", () => {
    expect(texts).toContain("谋划储备项目突破80个");
    expect(find("总投资突破300亿元")?.target).toMatchObject({ value: 300, unit: "亿元" });
    expect(find("计划投资60万元在滨河路两侧栽植1500棵银杏")?.target).toMatchObject({
      value: 1500,
      unit: "棵",
    });
  });

  it("cuts a percentage glued to the next figure", () => {
    expect(find("城市社区服务站覆盖率达到90%")?.target).toMatchObject({ value: 90, unit: "%" });
    expect(find("1000平方米以上的社区达到40%")?.target).toMatchObject({ value: 40, unit: "%" });
  });

  it("keeps a long 确保 commitment after a headline target separate", () => {
    expect(texts).toContain("地区生产总值增长与全省同步");
    expect(texts).toContain("确保完成年度目标任务");
  });
});

describe("headline targets that share a figure", () => {
  const text = [
    "2022年示例县政府工作报告",
    "各位代表:",
    "一、2021年工作回顾",
    "过去一年成绩显著。",
    "二、2022年工作安排",
    "主要预期目标是:固定资产投资、一般公共预算收入增长6%;城镇调查失业率5.5%以内,进出口回稳向好,国际收支基本平衡。",
    "(一)推进项目建设",
    "建成开放县博物馆。",
  ].join("\n");
  const pledges = parseReport(text).pledges;

  it("splits them, and the earlier indicator keeps its predicate in a title", () => {
    const fixed = pledges.find((p) => p.text === "固定资产投资")!;
    expect(fixed.title).toBe("固定资产投资增长6%");
    expect(fixed.target?.value).toBe(6);
    expect(pledges.find((p) => p.text === "一般公共预算收入增长6%")?.title).toBeNull();
  });

  it("a bundle of separately checkable targets becomes one item each, every one trackable", () => {
    for (const t of ["城镇调查失业率5.5%以内", "进出口回稳向好", "国际收支基本平衡"])
      expect(
        pledges.find((p) => p.text === t),
        t,
      ).toBeDefined();
    expect(pledges.find((p) => p.text === "城镇调查失业率5.5%以内")?.tier).toBe("trackable");
  });
});
