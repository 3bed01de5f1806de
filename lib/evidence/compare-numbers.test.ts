import { describe, expect, it } from "vitest";
import { compareNumbers, parseTargetFromText } from "./compare-numbers";

describe("compareNumbers", () => {
  it("meets a >= target", () => {
    const c = compareNumbers(
      { value: 20, unit: "部", comparator: ">=" },
      "完成42部居民老旧电梯维修改造，惠及居民4800余户",
    );
    expect(c?.verdict).toBe("met");
    expect(c?.reported).toMatchObject({ value: 42, text: "42部" });
  });

  it("is below a level target", () => {
    expect(
      compareNumbers(
        { value: 240, unit: "亿元", comparator: "=" },
        "全年地区生产总值完成235.2亿元，同比增长18.5%",
      )?.verdict,
    ).toBe("below");
  });

  it("applies the ~ tolerance of 0.5 percentage points to rates", () => {
    const t = { value: 6, unit: "%", comparator: "~" as const, growth: true };
    expect(compareNumbers(t, "地区生产总值增长5.1%")?.verdict).toBe("below");
    expect(compareNumbers(t, "地区生产总值增长5.6%")?.verdict).toBe("met");
    expect(compareNumbers(t, "地区生产总值增长6.4%")?.verdict).toBe("met");
    expect(compareNumbers(t, "地区生产总值增长7.2%")?.verdict).toBe("exceeded");
  });

  it("applies a 5% relative tolerance to other ~ targets", () => {
    const t = { value: 100, unit: "亿元", comparator: "~" as const };
    expect(compareNumbers(t, "完成96亿元")?.verdict).toBe("met");
    expect(compareNumbers(t, "完成94亿元")?.verdict).toBe("below");
  });

  it("handles <= ceilings", () => {
    const t = { value: 4, unit: "%", comparator: "<=" as const };
    expect(compareNumbers(t, "城镇登记失业率控制到3.9%")?.verdict).toBe("met");
    expect(compareNumbers(t, "城镇登记失业率为4.2%")?.verdict).toBe("exceeded");
  });

  it("compares growth with growth, not with levels", () => {
    const t = { value: 8, unit: "%", comparator: ">=" as const, growth: true };
    const c = compareNumbers(t, "地区生产总值达到 287.9亿元,同比增长8.9%（按可比价计算）");
    expect(c?.reported.value).toBe(8.9);
    expect(c?.verdict).toBe("met");
    expect(compareNumbers({ value: 70, unit: "%", comparator: ">=" }, "同比增长80%")).toBeNull();
  });

  it("normalises magnitudes: 万平方米 against 平方米", () => {
    const c = compareNumbers(
      { value: 15, unit: "万平方米", comparator: "=" },
      "实施老旧小区既有建筑节能改造160000平方米",
    );
    expect(c?.verdict).toBe("met");
    expect(
      compareNumbers(
        { value: 50, unit: "万平方米", comparator: "=" },
        "完成54栋住宅楼、14万平方米既有建筑节能改造",
      )?.verdict,
    ).toBe("below");
  });

  it("returns null without a figure in the same unit, unclear for cumulative figures", () => {
    expect(
      compareNumbers({ value: 20, unit: "部", comparator: ">=" }, "电梯改造全面完成"),
    ).toBeNull();
    expect(
      compareNumbers({ value: 2000, unit: "亩", comparator: "=" }, "建成大棚2350亩")?.verdict,
    ).toBe("met");
    expect(
      compareNumbers({ value: 5000, unit: "人", comparator: ">=" }, "五年新增就业3.25万人")
        ?.verdict,
    ).toBe("unclear");
  });

  it("picks the figure next to the pledge's words when several share the unit", () => {
    const c = compareNumbers(
      { value: 5400, unit: "人", comparator: "=" },
      "全年新增就业5611人，实现再就业2529人",
      "确保新增城镇就业5400人",
    );
    expect(c?.reported.value).toBe(5611);
  });
});

describe("parseTargetFromText", () => {
  it("reads comparators from the pledge's words", () => {
    expect(parseTargetFromText("全年新增就业5700人以上")).toMatchObject({
      value: 5700,
      unit: "人",
      comparator: ">=",
    });
    expect(parseTargetFromText("城镇登记失业率控制在4%以内")).toMatchObject({
      value: 4,
      comparator: "<=",
    });
    expect(parseTargetFromText("地区生产总值增长6%左右")).toMatchObject({
      value: 6,
      comparator: "~",
      growth: true,
    });
    expect(parseTargetFromText("新建大棚300个")).toMatchObject({ value: 300, comparator: "=" });
    expect(parseTargetFromText("落实河长制")).toBeNull();
  });
});

describe("compareNumbers against the pledge's subject (real sentences)", () => {
  it("reads a 左右 target of a ceiling indicator as a ceiling: CPI 3% 左右, reported 1%, is met", () => {
    const pledge = "居民消费价格指数涨幅控制在3%左右";
    const c = compareNumbers(parseTargetFromText(pledge)!, "居民消费价格上涨1%", pledge);
    expect(c).toMatchObject({ verdict: "met", target: { ceiling: true } });
    expect(
      compareNumbers(parseTargetFromText(pledge)!, "居民消费价格上涨3.4%", pledge)?.verdict,
    ).toBe("met");
    expect(
      compareNumbers(parseTargetFromText(pledge)!, "居民消费价格上涨4.1%", pledge)?.verdict,
    ).toBe("exceeded");
  });

  it("meets a range from its low end and reads 左右 with its tolerance", () => {
    const range = "地区生产总值增长6.5%-7%";
    expect(
      compareNumbers(parseTargetFromText(range)!, "全省生产总值增长6.6%", range)?.verdict,
    ).toBe("met");
    expect(
      compareNumbers(parseTargetFromText(range)!, "全省生产总值增长6.2%", range)?.verdict,
    ).toBe("below");
    const about = "社会消费品零售总额增长8%左右";
    expect(
      compareNumbers(parseTargetFromText(about)!, "社会消费品零售总额增长7.6%", about)?.verdict,
    ).toBe("met");
    expect(
      compareNumbers(parseTargetFromText(about)!, "社会消费品零售总额增长2%左右", about)?.verdict,
    ).toBe("below");
  });

  it("compares growth with growth even when the review restates the level first", () => {
    const pledge = "地区生产总值增长6.5%左右";
    const c = compareNumbers(
      parseTargetFromText(pledge)!,
      "全省生产总值达到4.2万亿元、增长6.7%",
      pledge,
    );
    expect(c).toMatchObject({ verdict: "met", reported: { value: 6.7, growth: true } });
  });

  it("takes a falling rate for a fall target (削减 included) and the figure of the named item", () => {
    const so2 = "二氧化硫排放量减少5%";
    const text = "预计全年单位生产总值能耗下降5%以上，二氧化硫排放量和化学需氧量均削减5.5%";
    expect(compareNumbers(parseTargetFromText(so2)!, text, so2)).toMatchObject({
      verdict: "met",
      reported: { value: 5.5 },
    });
    const energy = "单位生产总值能耗下降5%";
    expect(compareNumbers(parseTargetFromText(energy)!, text, energy)).toMatchObject({
      verdict: "met",
      reported: { value: 5 },
    });
  });

  it("maps a 分别 list: the second indicator gets the second rate", () => {
    const pledge = "农民人均纯收入增长7%";
    const text = "预计全省城镇居民人均可支配收入14785元，农民人均纯收入5130元，分别增长10%和7%左右";
    expect(compareNumbers(parseTargetFromText(pledge)!, text, pledge)).toMatchObject({
      verdict: "met",
      reported: { value: 7 },
    });
  });

  it("reads multi-year and cumulative figures as unclear, and 万/亿 scales as the same unit", () => {
    const growth = "高新技术产业增加值增长10%";
    expect(
      compareNumbers(parseTargetFromText(growth)!, "高新技术产业增加值年均增长10%", growth)
        ?.verdict,
    ).toBe("unclear");
    const gdp = "地区生产总值达到4万亿元";
    expect(
      compareNumbers(
        parseTargetFromText(gdp)!,
        "全省生产总值从2017年的3.06万亿元增长到2022年的4.2万亿元",
        gdp,
      )?.reported.value,
    ).toBe(4.2e12);
    const roads = "建设改造农村公路7000公里以上";
    expect(
      compareNumbers(parseTargetFromText(roads)!, "五年新改建农村公路4.1万公里", roads)?.verdict,
    ).toBe("unclear");
    const area = "完成营造林600万亩";
    expect(compareNumbers(parseTargetFromText(area)!, "完成营造林636万亩", area)).toMatchObject({
      verdict: "met",
      reported: { value: 6.36e6 },
    });
  });

  it("compares only figures about the same object: not another programme's roads, a flow with a stock, nor public with private", () => {
    const roads = "重点实施城区20条道路的改造提升";
    const target = parseTargetFromText(roads)!;
    expect(compareNumbers(target, "棚改配套道路完成13条15公里", roads)).toBeNull();
    expect(compareNumbers(target, "城区23条主干道已基本完成牌匾规范化改造", roads)).toBeNull();
    expect(compareNumbers(target, "城区20条道路改造提升全部完工", roads)?.verdict).toBe("met");
    const routes = "年内新开通海拉尔至俄蒙及台湾地区的3条航线";
    expect(
      compareNumbers(
        parseTargetFromText(routes)!,
        "海拉尔机场年旅客吞吐量突破100万人次，国内、国际航线达到34条",
        routes,
      ),
    ).toBeNull();
    const kindergartens = "新增100所普惠性民办幼儿园";
    expect(
      compareNumbers(parseTargetFromText(kindergartens)!, "新改扩建公办幼儿园523所", kindergartens),
    ).toBeNull();
    const jobs = "高校毕业生就业900人";
    expect(compareNumbers(parseTargetFromText(jobs)!, "再就业2291人", jobs)).toBeNull();
  });

  it("accepts the same object under a broader or plainer name", () => {
    const sheds = "新建大棚300个";
    expect(
      compareNumbers(
        parseTargetFromText(sheds)!,
        "蔬菜基地配套建设共完成投资1200万元，建成蔬菜大棚300个、仓储库2万平方米",
        sheds,
      )?.verdict,
    ).toBe("met");
    const roads = "重点实施31.2公里农村公路";
    expect(compareNumbers(parseTargetFromText(roads)!, "新建农村道路32公里", roads)?.verdict).toBe(
      "met",
    );
    const jobs = "力争年内新增就业岗位5000个";
    expect(
      compareNumbers(parseTargetFromText(jobs)!, "实现城镇新增就业5487人", jobs)?.verdict,
    ).toBe("met");
    const water = "解决373万人饮水安全问题";
    expect(
      compareNumbers(parseTargetFromText(water)!, "解决了378万农村人口的饮水安全问题", water)
        ?.verdict,
    ).toBe("met");
  });

  it("does not compare a per-county target with a province's total", () => {
    const pledge = "力争每个县(市)建成1-2个样板村";
    expect(
      compareNumbers(parseTargetFromText(pledge)!, "766个村基本完成建设改造任务", pledge),
    ).toBeNull();
  });
});
