import { z } from "zod";

export const REGION_LEVELS = [
  "national",
  "province",
  "city",
  "district",
  "county",
  "other",
] as const;
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
export type SectionInput = {
  key: string;
  parentKey: string | null;
  kind: string;
  heading: string;
  start: number;
  end: number;
};
export type PledgeInput = {
  start: number;
  end: number;
  sectionKey: string | null;
  topic: string | null;
  kind: string;
  target: {
    value: number;
    valueMax?: number | null;
    unit: string | null;
    comparator: string;
    growth: boolean;
  } | null;
  /** The parser's tier (trackable | direction) and its reason. */
  tier: string;
  tierReason: string | null;
  /** The parser's title, where the source words alone do not say what is promised (固定资产投资 → 固定资产投资增长6%). */
  title?: string | null;
};

const reportId = z.string().min(1).max(64);
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(max).nullable(),
  );

/**
 * Correct a report's metadata (report:edit). `region` is the name as typed; `regionId` the region a
 * person chose for it (the current one when unchanged, or their answer to "same as 海拉尔区?"), and
 * `newRegion` their answer "no, a new region". `level` is the region's. An empty title becomes the
 * full name. `version` is the one the form read.
 */
export const updateReportSchema = z.object({
  reportId,
  version: z.number().int().min(1),
  region: z.string().trim().min(1, { message: "REGION_REQUIRED" }).max(100),
  regionId: reportId.nullable().optional(),
  newRegion: z.boolean().optional(),
  level: z.enum(REGION_LEVELS),
  year: z
    .number()
    .int()
    .min(1949, { message: "YEAR_INVALID" })
    .max(2100, { message: "YEAR_INVALID" })
    .nullable(),
  title: z.string().trim().max(200).nullable().optional(),
  deliveredOn: z.preprocess(
    (v) => (v === "" ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "DATE_INVALID" })
      .nullable(),
  ),
  speaker: optionalText(50),
  meeting: optionalText(200),
});
export type UpdateReportInput = z.infer<typeof updateReportSchema>;

/** Archive or restore a report (report:archive). */
export const reportRefSchema = z.object({ reportId });
export type ReportRefInput = z.infer<typeof reportRefSchema>;

/** Delete a report nobody has worked on (report:delete); `version` is the one the confirmation showed. */
export const deleteReportSchema = z.object({ reportId, version: z.number().int().min(1) });
export type DeleteReportInput = z.infer<typeof deleteReportSchema>;
