import { describe, expect, it } from "vitest";
import { parseReport } from "./parse-report";

const HEADER =
  "2020年某市某区政府工作报告\n——2019年12月26日在某市某区第一届人民代表大会第三次会议上\n区长 张三\n各位代表:\n现在,我代表区人民政府向大会报告工作,请予审议。\n";
const PARA = "加快商贸服务业发展。完成大同街地下人行通道建设,维修改造20部居民老旧电梯。";

function kinds(text: string) {
  return parseReport(text).sections.map(
    (s) => `${s.kind}${s.continuesPlan ? "+" : ""}:${s.heading}`,
  );
}

describe("top-level headings", () => {
  it("simplified numbered headings", () => {
    expect(
      kinds(
        `${HEADER}一、2019年工作回顾\n全年完成各项任务。\n二、2020年工作安排\n(一)推动产业发展\n${PARA}\n`,
      ),
    ).toEqual(["review:一、2019年工作回顾", "plan:二、2020年工作安排"]);
  });
  it("review headings without a keyword (一、过去一年的工作 / 一、2019年政府工作) before a numbered plan", () => {
    for (const review of ["一、过去一年的工作", "一、2019年政府工作", "一、2019年的主要工作"]) {
      expect(
        kinds(
          `${HEADER}${review}\n全年完成各项任务。\n二、2020年工作安排\n(一)推动产业发展\n${PARA}\n`,
        ),
      ).toEqual([`review:${review}`, "plan:二、2020年工作安排"]);
    }
  });
  it("plan headings without a keyword (二、做好2020年各项工作 / 二、关于2020年工作) follow a numbered review", () => {
    for (const plan of ["二、做好2020年各项工作", "二、关于2020年工作"]) {
      expect(
        kinds(
          `${HEADER}一、2019年工作回顾\n全年完成各项任务。\n${plan}\n(一)推动产业发展\n${PARA}\n`,
        ),
      ).toEqual(["review:一、2019年工作回顾", `plan:${plan}`]);
    }
  });
  it("traditional headings with full-width parentheses", () => {
    const t = `2020年某市政府工作報告\n各位代表:\n一、2019年政府工作回顧\n過去的一年成績顯著。\n二、2020年政府工作目標與主要任務\n（一）推動產業發展\n加快商貿服務業發展。完成大同街地下人行通道建設,維修改造20部居民老舊電梯。\n`;
    const p = parseReport(t);
    expect(p.sections.map((s) => s.kind)).toEqual(["review", "plan"]);
    expect(p.sections[1].subsections[0].heading).toBe("（一）推動產業發展");
    expect(p.pledges.map((x) => x.text)).toEqual([
      "完成大同街地下人行通道建設",
      "維修改造20部居民老舊電梯",
    ]);
    expect(p.pledges[0].topic).toBe("加快商貿服務業發展");
  });
  it("year-stripped headings (一、年工作情況 / 二、年工作安排)", () => {
    const t = `現在,我代表區委常委會向全會報告工作,請予審議。\n一、年工作情況\n年,是極其困難的一年。\n二、年工作安排\n（一）全力推進區域發展\n一是要進一步優化區域發展布局。建設北甸山林公園,升級改造中山公園。\n`;
    const p = parseReport(t);
    expect(p.sections.map((s) => s.kind)).toEqual(["review", "plan"]);
    expect(p.meta.year).toBeNull();
    expect(p.pledges.map((x) => x.text)).toEqual(["建設北甸山林公園", "升級改造中山公園"]);
  });
  it("unnumbered headings with 一、 subsections, a list and an appendix", () => {
    const t = `${HEADER}2017年工作回顾\n一年来成绩显著。\n2018年工作安排\n一、坚定不移做大做强实体经济\n${PARA}\n2018年惠民实事\n1、加快美丽乡村建设:新改建“四好农村路”24.5公里,打造1-2个美丽宜居示范村。\n附:\n1、“四好农村路”:即建设好、管理好农村公路。\n`;
    expect(kinds(t)).toEqual([
      "review:2017年工作回顾",
      "plan:2018年工作安排",
      "list:2018年惠民实事",
      "appendix:附",
    ]);
    const p = parseReport(t);
    expect(p.sections[1].subsections.map((s) => s.heading)).toEqual([
      "一、坚定不移做大做强实体经济",
    ]);
    expect(p.pledges.filter((x) => x.section === "2018年惠民实事").map((x) => x.text)).toEqual([
      "新改建“四好农村路”24.5公里",
      "打造1-2个美丽宜居示范村",
    ]);
  });
  it("multi-year review, then a five-year section that is not the plan", () => {
    const t = `${HEADER}一、“十二五”时期和2015年工作回顾\n五年来成绩显著。\n二、“十三五”经济社会发展的主要目标和任务\n今后五年,要坚持发展第一要务,建设北山公园。\n三、2016年工作安排\n（一）狠抓项目建设\n${PARA}\n`;
    expect(kinds(t)).toEqual([
      "review:一、“十二五”时期和2015年工作回顾",
      "fiveYear:二、“十三五”经济社会发展的主要目标和任务",
      "plan:三、2016年工作安排",
    ]);
    const p = parseReport(t);
    expect(p.meta.year).toBe(2016);
    expect(p.pledges.some((x) => x.text.includes("北山公园"))).toBe(false);
  });
  it("past-five-years review (一、过去五年工作回顾)", () => {
    expect(
      kinds(
        `${HEADER}一、过去五年工作回顾\n五年来成绩显著。\n二、2023年工作安排\n(一)推动产业发展\n${PARA}\n`,
      )[0],
    ).toBe("review:一、过去五年工作回顾");
  });
  it("a plan continuing into 三、加强政府自身建设", () => {
    const t = `${HEADER}一、2019年工作回顾\n成绩显著。\n二、2020年工作安排\n(一)推动产业发展\n${PARA}\n三、加强政府自身建设\n(一)推进依法行政\n严格落实重大行政决策法定程序。\n`;
    expect(kinds(t)).toEqual([
      "review:一、2019年工作回顾",
      "plan:二、2020年工作安排",
      "plan+:三、加强政府自身建设",
    ]);
    expect(parseReport(t).pledges.at(-1)!.text).toBe("严格落实重大行政决策法定程序");
  });
  it("a whole report on one line, headings separated by spaces", () => {
    const t = `2020年大連市政府工作報告\n--2020年5月14日在大連市第十六屆人民代表大會第三次會議上 陳紹旺 各位代表: 現在,我代表市政府向大會報告工作。 一、2019年政府工作回顧 過去的一年成績顯著。 二、2020年政府工作目標與主要任務 今年全市經濟社會發展的主要預期目標是:地區生產總值增長5%左右;城鎮登記失業率控制在4.5%以內。 實現上述目標,重點抓好以下工作: (一)抓緊抓實抓細常態化疫情防控 著力加強輸入性風險防控。提高針對性和有效性,推進國家區域醫療中心建設。 三、努力建設新時代人民滿意政府 面對新形勢新任務,市政府將全力推進。 (一)大力加強政府作風建設 繼續實施15項重點民生工程。 各位代表!實干成就夢想。`;
    const p = parseReport(t);
    expect(p.sections.map((s) => `${s.kind}:${s.heading}`)).toEqual([
      "review:一、2019年政府工作回顧",
      "plan:二、2020年政府工作目標與主要任務",
      "plan:三、努力建設新時代人民滿意政府",
    ]);
    expect(p.meta).toMatchObject({
      year: 2020,
      deliveredOn: "2020-05-14",
      speaker: "陈绍旺",
      region: "大连市",
      script: "traditional",
    });
    expect(p.pledges.map((x) => x.text)).toEqual([
      "地區生產總值增長5%左右",
      "城鎮登記失業率控制在4.5%以內",
      "提高針對性和有效性",
      "推進國家區域醫療中心建設",
      "繼續實施15項重點民生工程",
    ]);
    expect(p.pledges[1].target).toMatchObject({ value: 4.5, unit: "%", comparator: "<=" });
  });
  it("CRLF line endings parse the same as LF", () => {
    const lf = `${HEADER}一、2019年工作回顾\n成绩显著。\n二、2020年工作安排\n(一)推动产业发展\n${PARA}\n`;
    const crlf = lf.replace(/\n/g, "\r\n");
    const a = parseReport(lf).pledges.map((x) => x.text);
    const b = parseReport(crlf).pledges;
    expect(b.map((x) => x.text)).toEqual(a);
    for (const x of b) expect(crlf.slice(x.start, x.end)).toBe(x.text);
  });
});
