import { describe, expect, it } from "vitest";
import { findMainTarget, findTargets, parseChineseNumber } from "./targets";

const main = (s: string) => {
  const t = findMainTarget(s, 0, s.length);
  return (
    t && {
      value: t.value,
      valueMax: t.valueMax,
      unit: t.unit,
      comparator: t.comparator,
      growth: t.growth,
    }
  );
};

describe("parseChineseNumber", () => {
  it.each([
    ["两", 2],
    ["十", 10],
    ["十五", 15],
    ["三千", 3000],
    ["一百二十", 120],
    ["二〇二〇", 2020],
    ["三万五千", 35000],
    ["九", 9],
  ])("%s = %d", (s, n) => expect(parseChineseNumber(s)).toBe(n));
  it("rejects non-numerals", () => expect(parseChineseNumber("年")).toBeNull());
});

describe("findTargets: number formats", () => {
  it("integers and units", () =>
    expect(main("维修改造20部居民老旧电梯")).toEqual({
      value: 20,
      valueMax: undefined,
      unit: "部",
      comparator: "=",
      growth: false,
    }));
  it("decimals", () =>
    expect(main("新改建“四好农村路”24.5公里")).toMatchObject({ value: 24.5, unit: "公里" }));
  it("ASCII hyphen range", () =>
    expect(main("打造1-2个美丽宜居示范村")).toMatchObject({ value: 1, valueMax: 2, unit: "个" }));
  it("至 range", () =>
    expect(main("培育3至5家龙头企业")).toMatchObject({ value: 3, valueMax: 5, unit: "家" }));
  it("em-dash range", () =>
    expect(main("新建1—2处口袋公园")).toMatchObject({ value: 1, valueMax: 2, unit: "处" }));
  it("range with magnitude", () =>
    expect(main("年内力争完成5-10家区属企业改制")).toMatchObject({
      value: 5,
      valueMax: 10,
      unit: "家",
    }));
  it("Chinese numerals 两", () =>
    expect(main("年内新建幼儿园两所")).toMatchObject({ value: 2, unit: "所" }));
  it("Chinese numerals 十", () =>
    expect(main("建成十个社区食堂")).toMatchObject({ value: 10, unit: "个" }));
  it("Chinese numerals 三千", () =>
    expect(main("新增就业岗位三千个")).toMatchObject({ value: 3000, unit: "个" }));
  it("Chinese numerals 一百二十", () =>
    expect(main("改造一百二十户危房")).toMatchObject({ value: 120, unit: "户" }));
  it.each([
    ["新增就业3.25万人", 3.25, "万人"],
    ["盘活闲置楼宇5万平方米", 5, "万平方米"],
    ["总投资145.8亿元", 145.8, "亿元"],
    ["实际利用外资440万美元", 440, "万美元"],
    ["设立3000万元专项资金", 3000, "万元"],
    ["接待游客700万人次", 700, "万人次"],
    ["新办企业登记时间压缩至1个工作日以内", 1, "个工作日"],
    ["高于全市2个百分点", 2, "个百分点"],
    ["新增节水灌溉面积1.2万亩", 1.2, "万亩"],
    ["完成300户改造", 300, "户"],
    ["举办各类招聘活动20场以上", 20, "场"],
    ["改造低洼积水路段14处", 14, "处"],
    ["产量达到15万吨", 15, "万吨"],
    ["增长6.5%", 6.5, "%"],
    ["增长6％", 6, "%"],
  ])("%s", (s, value, unit) => expect(main(s)).toMatchObject({ value, unit }));
});

describe("findTargets: comparators and growth", () => {
  it.each([
    ["全年举办各类招聘活动20场以上", ">="],
    ["全社会科技研发投入占GDP比重达到3.6%", ">="],
    ["一般公共预算收入可比增长2%以上", ">="],
    ["科技型中小企业突破3000家", ">="],
    ["高标准农田不低于5万亩", ">="],
    ["超过100家", ">="],
    ["提高到每人每月800元", ">="],
    ["新办企业登记时间压缩至1个工作日以内", "<="],
    ["城镇登记失业率控制在4.5%以内", "<="],
    ["债务规模不超过50亿元", "<="],
    ["能耗下降到0.5吨标准煤", "<="],
    ["地区生产总值增长6%左右", "~"],
    ["实现技术合同交易额8.2亿元左右", "~"],
    ["维修改造20部居民老旧电梯", "="],
    ["固定资产投资增长6%", "="],
  ])("%s → %s", (s, comparator) => expect(main(s)?.comparator).toBe(comparator));

  it("growth rates", () => {
    expect(main("地区生产总值增长6%左右")?.growth).toBe(true);
    expect(main("单位GDP能耗下降2个百分点")).toMatchObject({
      growth: true,
      value: 2,
      unit: "个百分点",
    });
    expect(findTargets("单位GDP能耗下降2个百分点")[0].direction).toBe("down");
    expect(main("比重达到3.6%")?.growth).toBe(false);
    expect(main("养老机构签约率提高到90%")?.growth).toBe(false);
  });
});

describe("findTargets: not targets", () => {
  it.each([
    "办好第六届日本商品巡回展",
    "完成2020年的各项任务",
    "推动以5G、人工智能为代表的数字经济发展",
    "落实“5+22”等人才政策",
    "全面完成“十三五”规划目标任务",
    "以《大连2049城市愿景规划》为引领",
    "推进地铁4号线建设",
    "做到“两个维护”",
    "让千家万户受益",
    "推进东电2×35万千瓦热电联产项目",
    "促进三次产业融合发展",
  ])("%s", (s) => expect(findMainTarget(s, 0, s.length)).toBeNull());
  it("prefers the count over a modifier", () => {
    expect(main("全区营业收入2000万元以上的民营企业达到100家以上")).toMatchObject({
      value: 100,
      unit: "家",
      comparator: ">=",
    });
  });
  it("prefers the work over the budget spent on it, but keeps an investment target", () => {
    expect(main("计划投资60万元在滨河路两侧栽植1500棵银杏")).toMatchObject({
      value: 1500,
      unit: "棵",
    });
    expect(main("投资2000万元新建3所幼儿园")).toMatchObject({ value: 3, unit: "所" });
    expect(main("完成投资2.5亿元,建成厂房3万平方米")).toMatchObject({ value: 2.5, unit: "亿元" });
  });
  it("a range with the unit on both ends is one target (增长4.5%—5%, 6.5%－7%左右), and 超 is a floor", () => {
    expect(
      findTargets("地区生产总值增长4.5%—5%").map((t) => [t.value, t.valueMax, t.unit]),
    ).toEqual([[4.5, 5, "%"]]);
    expect(findTargets("增长6.5%－7%左右").map((t) => [t.value, t.valueMax, t.comparator])).toEqual(
      [[6.5, 7, "~"]],
    );
    expect(findTargets("GDP增长6%，投资增长7%")).toHaveLength(2);
    expect(findTargets("交通基础设施投资超600亿元")[0].comparator).toBe(">=");
  });

  it("a numeral naming a set of rules is no count (八项规定, 两个确立)", () => {
    expect(findTargets("落实中央八项规定精神")).toEqual([]);
    expect(findTargets("深刻领悟两个确立的决定性意义")).toEqual([]);
    expect(findTargets("稳步推行部门预算、集中支付、收支两条线和政府采购制度改革")).toEqual([]);
    expect(findTargets("新建两条城市主干道")).toHaveLength(1);
  });
});
