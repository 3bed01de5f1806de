import { describe, expect, it } from "vitest";
import { pledgeTargets } from "./pledge-targets";

describe("pledgeTargets", () => {
  it("checks every outcome figure: a growth rate and a level", () => {
    const t = pledgeTargets("地区生产总值增长20%，达到282亿元");
    expect(t.map((x) => [x.text, x.growth])).toEqual([
      ["20%", true],
      ["282亿元", false],
    ]);
  });

  it("puts an explicit target first and adds the text's other figures", () => {
    const t = pledgeTargets("年内完成3800户、58万平方米棚户区改造", {
      value: 3800,
      unit: "户",
      comparator: "=",
    });
    expect(t.map((x) => x.text)).toEqual(["3800户", "58万平方米"]);
  });

  it("without a target checks only the counts lib/report cannot read", () => {
    expect(pledgeTargets("新建大棚300个", null)).toEqual([]);
    expect(pledgeTargets("确保年内解决90万贫困人口温饱问题", null).map((x) => x.text)).toEqual([
      "90万",
    ]);
  });

  it("leaves out ordinals, sets of rules, durations and the budget of a work", () => {
    expect(pledgeTargets("严格执行中央八项规定")).toEqual([]);
    expect(pledgeTargets("继续办好第八届中俄蒙经贸洽谈会")).toEqual([]);
    expect(pledgeTargets("第二轮土地承包到期后再延长30年")).toEqual([]);
    expect(pledgeTargets("投资1.3亿元实施自来水管网改造工程")).toEqual([]);
    expect(pledgeTargets("投资5500万元，新建污水管网12公里").map((x) => x.text)).toEqual([
      "12公里",
    ]);
  });

  it("does not take the size of a named set a pledge only pushes forward for a target, but keeps it when the set must be finished", () => {
    expect(pledgeTargets("充分发挥满洲里、二连浩特等7个口岸的作用")).toEqual([]);
    expect(pledgeTargets("加快京沪高速、京石客运专线等17条铁路项目建设")).toEqual([]);
    expect(
      pledgeTargets("力争横山岭、云州等76座水库除险加固工程全部开工建设").map((x) => x.text),
    ).toEqual(["76座"]);
  });
});
