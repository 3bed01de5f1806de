/**
 * Headline economic indicators and their name variants across years and regions
 * (农民人均纯收入 became 农村常住居民人均可支配收入; 公共财政预算收入 became 一般公共预算收入…).
 * Works on folded text (lib/report/script.ts normalizeForSearch).
 */

/** Indicator id → name variants (folded, simplified). A variant may stand for several ids (城乡居民…). */
const INDICATORS: [string[], string[]][] = [
  [["gdp"], ["地区生产总值", "国内生产总值", "生产总值", "gdp", "经济总量"]],
  [["fiscal-total"], ["地方财政总收入", "财政总收入"]],
  [
    ["public-budget"],
    ["一般公共预算收入", "公共财政预算收入", "公共预算收入", "财政预算收入", "地方财政收入"],
  ],
  [["public-spending"], ["一般公共预算支出", "公共财政预算支出", "公共预算支出"]],
  [["fixed-investment"], ["固定资产投资"]],
  [["retail"], ["社会消费品零售总额", "社消零"]],
  [
    ["urban-income"],
    [
      "城镇居民人均可支配收入",
      "城镇常住居民人均可支配收入",
      "城镇人均可支配收入",
      "城镇居民可支配收入",
    ],
  ],
  [
    ["rural-income"],
    [
      "农民人均纯收入",
      "农牧民人均纯收入",
      "农村居民人均可支配收入",
      "农村常住居民人均可支配收入",
      "农民人均可支配收入",
      "农村牧区常住居民人均可支配收入",
    ],
  ],
  [
    ["urban-income", "rural-income"],
    ["城乡居民可支配收入", "城乡居民人均可支配收入", "城乡居民收入", "居民人均可支配收入"],
  ],
  [
    ["tourists"],
    ["旅游接待人数", "旅游人数", "接待国内外游客", "接待游客", "游客接待", "旅游人次", "接待人数"],
  ],
  [["tourism-income"], ["旅游收入", "旅游总收入"]],
  [["new-jobs"], ["新增就业", "新增城镇就业", "城镇新增就业", "新增就业岗位"]],
  [["reemployment"], ["再就业"]],
  [["unemployment"], ["登记失业率", "失业率"]],
  [["industrial-output"], ["规模以上工业总产值", "工业总产值"]],
  [["industrial-va"], ["规模以上工业增加值", "工业增加值"]],
  [["trade"], ["进出口总额", "外贸进出口"]],
  [["foreign-investment"], ["实际利用外资", "利用外资", "实际使用外资", "使用外资"]],
  [["rnd"], ["研发投入", "研究与试验发展经费"]],
  [
    ["energy-intensity"],
    [
      "单位gdp能耗",
      "万元gdp能耗",
      "单位地区生产总值能耗",
      "单位生产总值能耗",
      "单位国内生产总值能耗",
      "万元国内生产总值综合能耗",
      "万元国内生产总值能耗",
      "万元生产总值能耗",
      "综合能耗",
      "能耗",
    ],
  ],
  [
    ["carbon-intensity"],
    ["单位gdp二氧化碳排放", "单位地区生产总值二氧化碳排放", "二氧化碳排放", "碳排放强度"],
  ],
  [["cpi"], ["居民消费价格"]],
  [["forest-cover"], ["森林覆盖率"]],
  [["urbanization"], ["城镇化率"]],
  [["population-growth"], ["人口自然增长率"]],
];

const VARIANTS: { name: string; ids: string[] }[] = INDICATORS.flatMap(([ids, names]) =>
  names.map((name) => ({ name, ids })),
).sort((a, b) => b.name.length - a.name.length);

export interface IndicatorMention {
  id: string;
  start: number;
  end: number;
}

/** Finds indicator mentions in folded text, longest variant first, without overlaps. */
export function findIndicators(folded: string): IndicatorMention[] {
  const out: IndicatorMention[] = [];
  const taken = new Uint8Array(folded.length);
  for (const v of VARIANTS) {
    let at = folded.indexOf(v.name);
    while (at >= 0) {
      let free = true;
      for (let i = at; i < at + v.name.length; i++)
        if (taken[i]) {
          free = false;
          break;
        }
      // 万元GDP…, 单位生产总值…, 占GDP的比重: a ratio to GDP, not GDP
      const perGdp =
        v.ids[0] === "gdp" &&
        (/(万元|单位|每|占)$/.test(folded.slice(Math.max(0, at - 2), at)) ||
          /^的?(比重|比例|占比)/.test(folded.slice(at + v.name.length, at + v.name.length + 3)));
      if (free && !perGdp) {
        for (let i = at; i < at + v.name.length; i++) taken[i] = 1;
        for (const id of v.ids) out.push({ id, start: at, end: at + v.name.length });
      }
      at = folded.indexOf(v.name, at + 1);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
