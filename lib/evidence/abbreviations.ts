/**
 * Abbreviations of work reports and their long forms (化债 = 化解政府债务, 双减, 放管服…), so that a
 * pledge written one way finds evidence written the other: both forms yield the same `a:` term
 * (tokenize-text.ts). To add one: a new line in ABBREVIATIONS, the short forms first, then the long
 * forms; patterns are regular expressions over folded (simplified, half-width, lower-case) text, and
 * `.{0,N}` lets words stand between the parts.
 */

export interface Abbreviation {
  /** Stable id, used in the term key (a:id). */
  id: string;
  /** Short and long forms, as regular expression sources over folded text. */
  forms: string[];
}

export const ABBREVIATIONS: readonly Abbreviation[] = [
  {
    id: "debt",
    forms: ["化债", "化解(?:地方)?(?:政府)?(?:存量)?(?:隐性)?(?:性)?债务", "债务化解"],
  },
  {
    id: "double-reduction",
    forms: ["双减", "作业负担.{0,4}校外培训负担", "减轻.{0,12}校外培训负担"],
  },
  { id: "fangguanfu", forms: ["放管服", "简政放权.{0,2}放管结合"] },
  { id: "double-innovation", forms: ["双创", "大众创业.{0,2}万众创新"] },
  { id: "supply-side", forms: ["三去一降一补", "去产能.{0,2}去库存.{0,2}去杠杆"] },
  { id: "shanty-towns", forms: ["棚改", "棚户区改[造建]"] },
  { id: "carbon", forms: ["双碳", "碳达峰.{0,2}碳中和"] },
  { id: "health-reform", forms: ["医改", "医药卫生体制改革"] },
  { id: "vat-reform", forms: ["营改增", "营业税改征?增值税"] },
  { id: "new-infrastructure", forms: ["新基建", "新型基础设施建设"] },
  { id: "three-rural", forms: ["三农", "农业.?农村.?农民"] },
  { id: "four-good-roads", forms: ["四好农村路", "建好.{0,2}管好.{0,2}护好.{0,2}运营好农村公路"] },
  { id: "coal-to-gas", forms: ["煤改气", "以气代煤"] },
  { id: "coal-to-power", forms: ["煤改电", "以电代煤"] },
  { id: "above-scale", forms: ["规上", "规模以上"] },
  { id: "high-tech-firms", forms: ["高企", "高新技术企业"] },
  { id: "minimum-living", forms: ["低保", "最低生活保障"] },
  { id: "medical-insurance", forms: ["医保", "医疗保[险障]"] },
  { id: "public-rental", forms: ["公租房", "公共租赁住房"] },
  { id: "affordable-housing", forms: ["保障房", "保障性住房"] },
  { id: "dilapidated-housing", forms: ["危改", "危房改造", "危旧房改造"] },
  { id: "sewage-plants", forms: ["污水厂", "污水处理厂"] },
  { id: "high-speed-rail", forms: ["高铁", "高速铁路"] },
  { id: "sci-tech-innovation", forms: ["科创", "科技创新"] },
  { id: "culture-tourism", forms: ["文旅", "文化(?:和|与)?旅游"] },
  { id: "two-mountains", forms: ["两山", "绿水青山就是金山银山"] },
  { id: "tax-cuts", forms: ["减税降费", "减税.{0,2}降费"] },
  { id: "six-stabilities", forms: ["六稳", "稳就业.{0,2}稳金融.{0,2}稳外贸"] },
  { id: "six-guarantees", forms: ["六保", "保居民就业.{0,2}保基本民生"] },
  { id: "anti-gang", forms: ["扫黑除恶", "打黑除恶"] },
];

const PATTERNS: { id: string; re: RegExp }[] = ABBREVIATIONS.map((a) => ({
  id: a.id,
  re: new RegExp(a.forms.join("|"), "g"),
}));

/** Every abbreviation or long form in folded text: its id and span (offsets into the text). */
export function findAbbreviations(folded: string): { id: string; start: number; end: number }[] {
  const out: { id: string; start: number; end: number }[] = [];
  for (const { id, re } of PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(folded))) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ id, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
