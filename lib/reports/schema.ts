import { z } from "zod";

export const REGION_LEVELS = ["national", "province", "city", "district", "county", "other"] as const;
export const SCRIPTS = ["simplified", "traditional"] as const;
export const ENCODINGS = ["utf-8", "gb18030", "big5"] as const;

/** Metadata of a report as the analyst confirms it before saving (detected values, corrected). */
export const reportMetaSchema = z.object({
  region: z.string().trim().min(1, { message: "REGION_REQUIRED" }).max(100),
  level: z.enum(REGION_LEVELS).default("other"),
  year: z
    .number()
    .int()
    .min(1949, { message: "YEAR_INVALID" })
    .max(2100, { message: "YEAR_INVALID" })
    .nullable(),
  title: z.string().trim().min(1, { message: "TITLE_REQUIRED" }).max(200),
  deliveredOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "DATE_INVALID" })
    .nullable(),
  speaker: z.string().trim().max(50).nullable(),
  meeting: z.string().trim().max(200).nullable(),
  script: z.enum(SCRIPTS),
});
export type ReportMeta = z.infer<typeof reportMetaSchema>;

/** A section or pledge span as the parser produced it; offsets into the report's source text. */
export type SectionInput = { key: string; parentKey: string | null; kind: string; heading: string; start: number; end: number };
export type PledgeInput = {
  start: number;
  end: number;
  sectionKey: string | null;
  topic: string | null;
  kind: string;
  target: { value: number; valueMax?: number | null; unit: string | null; comparator: string; growth: boolean } | null;
  /** The parser's tier (trackable | direction) and its reason. */
  tier: string;
  tierReason: string | null;
  /** The parser's title, where the source words alone do not say what is promised (固定资产投资 → 固定资产投资增长6%). */
  title?: string | null;
};
