import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeReport } from "./decode";
import { ReportInputError } from "./errors";
import { parseReport, toParseJson } from "./parse-report";

const corpus = path.resolve(__dirname, "../../seed/reports");
const files = ["seeds", "hailar"].flatMap((d) =>
  readdirSync(path.join(corpus, d))
    .filter((f) => f.endsWith(".txt"))
    .map((f) => `${d}/${f}`),
);
const load = (rel: string) => decodeReport(readFileSync(path.join(corpus, rel)), rel).text;

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ReportInputError) return e.code;
    throw e;
  }
  return "OK";
}

describe("parseReport over the corpus", () => {
  it("finds every corpus file", () => expect(files.length).toBe(11));

  for (const rel of files) {
    describe(rel, () => {
      const text = load(rel);
      const parsed = parseReport(text);
      it("finds a review and a plan", () => {
        expect(parsed.sections.some((s) => s.kind === "review")).toBe(true);
        expect(parsed.sections.some((s) => s.kind === "plan")).toBe(true);
      });
      it("anchors every pledge exactly: text === source.slice(start, end)", () => {
        expect(parsed.pledges.length).toBeGreaterThan(100);
        for (const p of parsed.pledges) {
          expect(text.slice(p.start, p.end)).toBe(p.text);
          expect(p.text).toBe(p.text.trim());
          expect(p.text).not.toMatch(/^[,，;；:：、。]|[,，;；:：、。]$/);
        }
      });
      it("keeps pledges inside plan sections, in order, without overlaps, with unique ids", () => {
        const plans = parsed.sections.filter((s) => s.kind === "plan" || s.kind === "list");
        let last = -1;
        const ids = new Set<string>();
        for (const p of parsed.pledges) {
          expect(plans.some((s) => p.start >= s.start && p.end <= s.end)).toBe(true);
          expect(p.start).toBeGreaterThanOrEqual(last);
          last = p.end;
          ids.add(p.id);
        }
        expect(ids.size).toBe(parsed.pledges.length);
      });
      it("leaks no framing text into pledges", () => {
        for (const p of parsed.pledges) {
          expect(p.text).not.toMatch(
            /指导思想|总体要求是|指導思想|總體要求是|为实现上述目标|各位代表|同志们|同志們|相关注释|相關注釋/,
          );
        }
      });
      it("serialises to the cli JSON shape", () => {
        const json = toParseJson(parsed);
        expect(Object.keys(json)).toEqual(["meta", "sections", "pledges"]);
        expect(Object.keys(json.meta)).toEqual([
          "region",
          "level",
          "year",
          "deliveredOn",
          "speaker",
          "script",
          "planScope",
        ]);
        for (const s of json.sections)
          expect(["review", "plan", "targets", "list", "other"]).toContain(s.kind);
        for (const p of json.pledges) {
          expect(Object.keys(p)).toEqual([
            "id",
            "text",
            "start",
            "end",
            "section",
            "topic",
            "kind",
            "target",
            "tier",
            "tierReason",
          ]);
          expect(["trackable", "direction"]).toContain(p.tier);
          if (p.target)
            expect(Object.keys(p.target).slice(0, 4)).toEqual([
              "value",
              "unit",
              "comparator",
              "growth",
            ]);
        }
      });
    });
  }
});

describe("parseReport: metadata", () => {
  it("000: Dalian Xigang district 2020", () => {
    const m = parseReport(load("seeds/000_44e32f47c74c41aa.txt")).meta;
    expect(m).toMatchObject({
      region: "大连市西岗区",
      level: "district",
      year: 2020,
      deliveredOn: "2019-12-26",
      meeting: "大连市西岗区第十八届人民代表大会第三次会议",
      speaker: "吴开华",
      script: "simplified",
    });
  });
  it("001: traditional Party-committee report without a year", () => {
    const m = parseReport(load("seeds/001_bc1dc47a901dac11.txt")).meta;
    expect(m).toMatchObject({
      region: null,
      year: null,
      deliveredOn: null,
      speaker: null,
      script: "traditional",
      level: "district",
    });
  });
  it("002: one-line traditional city report", () => {
    const m = parseReport(load("seeds/002_f43de3d8f036b3c9.txt")).meta;
    expect(m).toMatchObject({
      region: "大连市",
      level: "city",
      year: 2020,
      deliveredOn: "2020-05-14",
      speaker: "陈绍旺",
      script: "traditional",
    });
  });
  it("003: website chrome, spaced speaker name", () => {
    const m = parseReport(load("seeds/003_6c455b50551dc8b5.txt")).meta;
    expect(m).toMatchObject({
      region: "太原市迎泽区",
      level: "district",
      year: 2018,
      deliveredOn: "2018-03-21",
      speaker: "李慧",
    });
  });
  it("004 and the Hailar files", () => {
    expect(parseReport(load("seeds/004_748cc8dca99de2ec.txt")).meta).toMatchObject({
      region: "锦州市凌河区",
      year: 2023,
      deliveredOn: "2022-12-19",
      speaker: "尹璐",
    });
    const years: Record<string, [number, string, string]> = {
      "hailar/hailar_2012.txt": [2012, "2012-02-29", "张天喜"],
      "hailar/hailar_2013.txt": [2013, "2013-02-28", "杜联合"],
      "hailar/hailar_2013.gb18030.txt": [2013, "2013-02-28", "杜联合"],
      "hailar/hailar_2014.txt": [2014, "2014-02-19", "杜联合"],
      "hailar/hailar_2015.txt": [2015, "2015-02-05", "杜联合"],
      "hailar/hailar_2016.txt": [2016, "2016-02-19", "杜联合"],
    };
    for (const [rel, [year, deliveredOn, speaker]] of Object.entries(years)) {
      expect(parseReport(load(rel)).meta, rel).toMatchObject({
        region: "海拉尔区",
        level: "district",
        year,
        deliveredOn,
        speaker,
      });
    }
  });
});

describe("parseReport: body range excludes chrome", () => {
  it("000 (forum)", () => {
    const text = load("seeds/000_44e32f47c74c41aa.txt");
    const { body } = parseReport(text);
    expect(text.slice(body.start).startsWith("2020年大连市西岗区政府工作报告")).toBe(true);
    expect(text.slice(0, body.end).endsWith("作出新的更大贡献!")).toBe(true);
  });
  it("003 (government website) keeps the 惠民实事 list and appendix, drops chrome", () => {
    const text = load("seeds/003_6c455b50551dc8b5.txt");
    const { body } = parseReport(text);
    expect(text.slice(body.start).startsWith("政府工作报告")).toBe(true);
    expect(text.slice(body.start, body.end)).toContain("2018年惠民实事");
    expect(text.slice(body.start, body.end)).not.toContain("相关文章");
  });
  it("001 (essay site) starts after the disclaimer", () => {
    const text = load("seeds/001_bc1dc47a901dac11.txt");
    const { body } = parseReport(text);
    expect(
      text.slice(body.start).startsWith("加快核心城市發展工作計劃\n\n現在,我代表區委常委會"),
    ).toBe(true);
  });
});

describe("parseReport: pledges", () => {
  const text = load("seeds/000_44e32f47c74c41aa.txt");
  const parsed = parseReport(text);
  const find = (t: string) => parsed.pledges.find((p) => p.text === t);

  it.each([
    ["维修改造20部居民老旧电梯", "quantitative"],
    ["全年举办各类招聘活动20场以上", "quantitative"],
    ["新办企业登记时间压缩至1个工作日以内", "quantitative"],
    ["地区生产总值增长6%左右", "quantitative"],
    ["全社会科技研发投入占GDP比重达到3.6%", "quantitative"],
    ["完成大同街地下人行通道建设", "project"],
    ["推进爱以德养老康复中心建设", "project"],
    ["办好第六届日本商品巡回展", "project"],
    ["落实河长制", "policy"],
    ["推行“双随机、一公开”跨部门联合监管", "policy"],
  ])("extracts %s as %s", (t, kind) => {
    expect(find(t)?.kind).toBe(kind);
  });

  it("splits coordinated quantities into separate pledges", () => {
    expect(
      find("开展10万平方米老旧小区建筑保温、下水管网、楼院环境综合改造")?.target,
    ).toMatchObject({ value: 10, unit: "万平方米" });
    expect(find("31万平方米楼院环境提升工程")?.target).toMatchObject({
      value: 31,
      unit: "万平方米",
    });
  });

  it("splits headline targets per indicator, sharing a target", () => {
    expect(find("固定资产投资")?.target).toMatchObject({ value: 6, unit: "%", growth: true });
    expect(find("一般公共预算收入增长6%")?.target).toMatchObject({
      value: 6,
      unit: "%",
      comparator: "=",
      growth: true,
    });
    expect(find("地区生产总值增长6%左右")?.target).toMatchObject({ comparator: "~" });
  });

  it("keeps section and topic", () => {
    const p = find("完成大同街地下人行通道建设")!;
    expect(p.section).toBe("(一)推动产业转型升级,促进经济高质量发展");
    expect(p.topic).toBe("加快商贸服务业发展");
  });

  it("skips framing: subsection openings, topic sentences, exhortations", () => {
    expect(
      parsed.pledges.some((p) => p.text.includes("坚持把发展总部经济和楼宇经济摆在重要位置")),
    ).toBe(false);
    expect(parsed.pledges.some((p) => p.text === "加快商贸服务业发展")).toBe(false);
    expect(parsed.pledges.some((p) => p.text.includes("初心铸就伟业"))).toBe(false);
  });

  it("003: 惠民实事 list items become pledges with ranges; the appendix does not", () => {
    const t3 = load("seeds/003_6c455b50551dc8b5.txt");
    const p3 = parseReport(t3);
    const list = p3.pledges.filter((p) => p.section === "2018年惠民实事");
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(list.find((p) => p.text === "打造1-2个美丽宜居示范村")?.target).toMatchObject({
      value: 1,
      valueMax: 2,
      unit: "个",
    });
    expect(list.find((p) => p.text === "新改建“四好农村路”24.5公里")?.target).toMatchObject({
      value: 24.5,
      unit: "公里",
    });
    const appendix = p3.sections.find((s) => s.kind === "appendix")!;
    expect(p3.pledges.some((p) => p.start >= appendix.start)).toBe(false);
    expect(toParseJson(p3).sections.filter((s) => s.kind === "list")).toHaveLength(1);
  });
});

describe("parseReport: refusals", () => {
  it("refuses a news paragraph", () => {
    const news =
      "新华社北京3月5日电 记者从国家统计局获悉，今年前两个月，全国规模以上工业增加值同比增长7%，社会消费品零售总额同比增长5.5%。" +
      "国家统计局新闻发言人表示，总体来看，国民经济开局良好，但外部环境依然复杂严峻。专家认为，下一阶段宏观政策将继续发力。";
    expect(code(() => parseReport(news))).toBe("NOT_A_REPORT");
  });
  it("refuses a novel paragraph", () => {
    const novel =
      "第一章 雨夜\n\n那天晚上雨下得很大，他一个人撑着伞走在空荡荡的街上，路灯把影子拉得很长。\n" +
      "她站在门口，看着他慢慢走近，心里说不出是什么滋味。\u201c你回来了。\u201d她轻声说。他点点头，没有说话。";
    expect(code(() => parseReport(novel))).toBe("NOT_A_REPORT");
  });
  it("reports NO_PLAN for a report without a plan", () => {
    const t =
      "2020年某区政府工作报告\n各位代表:\n现在,我代表区人民政府向大会报告工作,请予审议。\n一、2019年工作回顾\n全年完成地区生产总值100亿元。\n";
    expect(code(() => parseReport(t))).toBe("NO_PLAN");
  });
});
