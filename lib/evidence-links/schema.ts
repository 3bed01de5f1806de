import { z } from "zod";
import type { Comparison } from "@/lib/evidence/compare-numbers";

const id = z.string().min(1).max(64);

export const linkReviewSpanSchema = z.object({
  pledgeId: id,
  start: z.number().int().min(0),
  end: z.number().int().min(1),
  score: z.number().finite().nullable().optional(),
});

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(max).nullable().optional(),
  );

export const linkExternalSchema = z.object({
  pledgeId: id,
  url: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z
      .string()
      .trim()
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), { message: "URL_INVALID" })
      .nullable()
      .optional(),
  ),
  quote: z
    .string()
    .trim()
    .min(1, { message: "QUOTE_REQUIRED" })
    .max(5000, { message: "QUOTE_TOO_LONG" }),
  sourceDate: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "DATE_INVALID" })
      .nullable()
      .optional(),
  ),
  note: optionalText(2000),
});

export const unlinkSchema = z.object({ pledgeId: id, evidenceId: id });

/** A linked evidence item as the workspace shows it. */
export type EvidenceDto = {
  id: string;
  kind: "review" | "external";
  quote: string;
  start: number | null;
  end: number | null;
  sourceReportId: string | null;
  url: string | null;
  sourceDate: string | null;
  note: string | null;
  score: number | null;
  createdBy: string | null;
  createdAt: string;
  /** The pledge's numeric target next to the figure this quote reports, when both exist. */
  comparison: Comparison | null;
};

/** The verdict the evidence suggests for a pledge (lib/evidence suggestVerdict), as the pages show it. */
export type SuggestedVerdictDto = {
  status: "fulfilled" | "partial" | "unfulfilled" | "not_verifiable";
  confidence: "high" | "medium" | "low";
  /** silence | admission | figures | multi-year | no-figure | words */
  grounds: string;
  /** The one-line reason quoting the numbers or words it rests on; accepting it makes it the rationale. */
  reason: { en: string; zh: string };
  /** The reported figure(s) it compared, for the assessment's reported value. */
  reportedValue: string | null;
};
