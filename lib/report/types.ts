import type { PledgeKind, PledgeTier, TierReason } from "@/lib/vocabulary";
/**
 * Shared types of the parsed report. All offsets are JavaScript string indices into the
 * decoded report text (the `text` returned by decodeReport), end exclusive.
 */

export type Span = { start: number; end: number };

export type Script = "simplified" | "traditional";

export type RegionLevel = "national" | "province" | "city" | "district" | "county" | "township";

export type ReportMeta = {
  /** Canonical (simplified) region name, e.g. "大连市西岗区"; null when the text does not state it. */
  region: string | null;
  level: RegionLevel | null;
  /** The plan year (the year the report is for); null when not stated. */
  year: number | null;
  /** "YYYY-MM-DD" the report was delivered, when stated. */
  deliveredOn: string | null;
  /** The meeting as written in the text, whitespace removed, e.g. "大连市西岗区第十八届人民代表大会第三次会议". */
  meeting: string | null;
  /** The speaker's name only (simplified), e.g. "吴开华". */
  speaker: string | null;
  script: Script;
  /** The report title as written, when the body starts with one. */
  title: string | null;
};

export type TopSectionKind = "review" | "plan" | "fiveYear" | "appendix" | "list" | "other";

export type Topic = Span & {
  /** The topic sentence without its final 。 and without ordinals like 一是. */
  text: string;
};

export type ReportSubsection = Span & {
  /** The heading as written, marker included, e.g. "(一)推动产业转型升级,促进经济高质量发展". */
  heading: string;
  headingStart: number;
  headingEnd: number;
  topics: Topic[];
};

export type ReportSection = Span & {
  kind: TopSectionKind;
  /** True for a top-level section that follows the plan heading and continues it (e.g. 三、加强政府自身建设). */
  continuesPlan: boolean;
  heading: string;
  headingStart: number;
  headingEnd: number;
  subsections: ReportSubsection[];
};

export type ReportBlock = Span & {
  kind: "targets" | "list";
  heading: string;
};

export type Comparator = ">=" | "<=" | "~" | "=";

export type Target = {
  value: number;
  /** Upper bound of a range such as 1-2个 or 3至5家 (value is the lower bound). */
  valueMax?: number;
  /** Unit as written with its magnitude, e.g. "%", "个百分点", "万平方米", "亿元", "个工作日". */
  unit: string;
  comparator: Comparator;
  /** True for a rate of change (增长6%, 下降2个百分点), false for a level or count. */
  growth: boolean;
  /** Direction of a growth target. */
  direction?: "up" | "down";
  /** Span of the number and unit in the source. */
  start: number;
  end: number;
};

export type { PledgeKind, PledgeTier } from "@/lib/vocabulary";

/** Why an item is trackable: a checkable target, a count, a named project, a date, a specific reform step. */
export type { TierReason } from "@/lib/vocabulary";

export type Pledge = Span & {
  id: string;
  text: string;
  /** Heading of the subsection (or top-level plan section) the pledge is under. */
  section: string;
  topic: string | null;
  kind: PledgeKind;
  target: Target | null;
  /** Where the pledge came from: a headline-target block, a numbered list, or the plan body. */
  origin: "targets" | "list" | "body";
  /** Whether next year's review can confirm or refute it (lib/report/tiers.ts), and why. */
  tier: PledgeTier;
  tierReason: TierReason | null;
  /**
   * What the item promises, when its source words alone do not say it: an indicator that shares
   * a target with the next one (固定资产投资、一般公共预算收入增长6% → 固定资产投资增长6%). Null otherwise.
   */
  title: string | null;
};

export type ParsedReport = {
  meta: ReportMeta;
  /** What the plan sections hold: this year's tasks, or (a five-year-plan report with no annual section) the five-year tasks. */
  planScope: "annual" | "five-year";
  /** The report without web/forum chrome (the first copy, when the file holds the body twice). */
  body: Span;
  /** Where a second copy of the body starts and ends, when the file holds it twice (a web page rendered twice); null otherwise. Nothing is extracted from it. */
  duplicateOf: Span | null;
  sections: ReportSection[];
  blocks: ReportBlock[];
  pledges: Pledge[];
  /** Plan paragraphs deliberately left out as framing (guiding ideology, this year's significance, the reasons for the targets). */
  framing: Span[];
};
