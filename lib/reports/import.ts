import "server-only";
import { decodeReport, type DecodedReport } from "@/lib/report/decode";
import { parseReport, type ParseBudget, type ParsedReport } from "@/lib/report/parse-report";
import { ReportInputError } from "@/lib/report/errors";
import { AppError } from "@/lib/app-error";
import { hashReportContent } from "./content-hash";
import { findReportByContent } from "./data";
import { createReport, type CreateReportInput } from "./mutations";
import { matchRegion } from "@/lib/regions/data";
import type { RegionMatchDto } from "@/lib/regions/schema";
import { reportMetaSchema, type ReportMeta } from "./schema";
import { detectedMeta, toStoredStructure } from "./structure";

export type ImportPreview = {
  fileName: string | null;
  encoding: string;
  format: "text" | "html";
  characters: number;
  meta: ReturnType<typeof detectedMeta>;
  /** What the detected region name matches: an existing region, a question for the analyst, or a new region. */
  region: RegionMatchDto;
  sections: { kind: string; heading: string; start: number; end: number }[];
  pledgeCount: number;
  kinds: Record<"quantitative" | "project" | "policy", number>;
  /** Trackable and direction items (lib/report/tiers.ts): the preview leads with the trackable. */
  tiers: Record<"trackable" | "direction", number>;
  samplePledges: { text: string; section: string; kind: string }[];
  duplicateOf: { id: string; title: string } | null;
  /** The content's identity (lib/reports/content-hash.ts): a batch import finds the same report twice in one upload by it. */
  contentHash: string;
  /** The file holds the report's body twice (a web page rendered twice): pledges come from the first copy. */
  bodyTwice: boolean;
  /** "five-year": no plan for the year, the five-year tasks are extracted instead. */
  planScope: "annual" | "five-year";
};

/**
 * A file name as stored and shown: a forged upload can send any name, so control characters and
 * bidirectional overrides (which make "exe.txt" look like "txt.exe") are dropped; at most 200 characters.
 */
export function cleanFileName(name: string | null | undefined): string | null {
  const cleaned = (name ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim()
    .slice(0, 200);
  return cleaned || null;
}

/**
 * How long one import or preview may spend parsing. A real report parses in under 0.1 s and, with
 * parsing linear and the text capped (lib/report/limits.ts), even a pathological one in under a
 * second; the budget is the backstop that keeps any upload from holding a server process for
 * longer than this. Server actions get no signal when their client goes away (only route handlers
 * have request.signal), so this deadline is what ends abandoned work.
 */
export const IMPORT_PARSE_BUDGET_MS = 5_000;

/** What one import may spend: `signal` cancels (e.g. a route handler's request.signal). */
export type ImportLimits = { budgetMs?: number; signal?: AbortSignal };

/**
 * Decodes and parses an upload within a time budget (IMPORT_PARSE_BUDGET_MS unless given); throws
 * ReportInputError (with a code the UI translates) on bad input, past the caps, or out of time.
 */
export function decodeAndParse(
  bytes: Uint8Array,
  fileName: string | null,
  limits: ImportLimits = {},
): { decoded: DecodedReport; parsed: ParsedReport } {
  const budget: ParseBudget = {
    deadline: Date.now() + (limits.budgetMs ?? IMPORT_PARSE_BUDGET_MS),
    signal: limits.signal,
  };
  const decoded = decodeReport(bytes, fileName ?? undefined);
  const parsed = parseReport(decoded.text, budget);
  return { decoded, parsed };
}

/** What the import page shows before saving: detected metadata, sections, pledge counts, duplicates. */
export async function previewImport(
  bytes: Uint8Array,
  rawFileName: string | null,
  limits: ImportLimits = {},
): Promise<ImportPreview> {
  const fileName = cleanFileName(rawFileName);
  const { decoded, parsed } = decodeAndParse(bytes, fileName, limits);
  const kinds = { quantitative: 0, project: 0, policy: 0 };
  for (const p of parsed.pledges) kinds[p.kind]++;
  const tiers = { trackable: 0, direction: 0 };
  for (const p of parsed.pledges) tiers[p.tier]++;
  const meta = detectedMeta(parsed);
  const top = parsed.sections.map((s) => ({
    kind: s.kind,
    heading: s.heading,
    start: s.start,
    end: s.end,
  }));
  const blocks = parsed.blocks.map((b) => ({
    kind: b.kind,
    heading: b.heading,
    start: b.start,
    end: b.end,
  }));
  return {
    fileName,
    encoding: decoded.encoding,
    format: decoded.format,
    characters: decoded.text.length,
    meta,
    region: meta.region ? await matchRegion(meta.region) : { kind: "new", name: "", parents: [] },
    sections: [...top, ...blocks].sort((x, y) => x.start - y.start),
    pledgeCount: parsed.pledges.length,
    kinds,
    tiers,
    samplePledges: parsed.pledges
      .slice(0, 12)
      .map((p) => ({ text: p.text, section: p.section, kind: p.kind })),
    duplicateOf: await findReportByContent(decoded.text),
    contentHash: hashReportContent(decoded.text),
    bodyTwice: parsed.duplicateOf !== null,
    planScope: parsed.planScope,
  };
}

/**
 * Imports one report: decodes and parses the bytes again on the server (nothing parsed by a client
 * is trusted), validates the confirmed metadata (detected values when none are given) and saves
 * report, sections and pledges in one transaction. Duplicates are refused with DUPLICATE. `region`
 * answers the region question a close name asks (lib/regions/mutations.ts resolveRegion); without
 * an answer such a name is refused (INVALID_INPUT REGION_UNCONFIRMED).
 */
export async function importReport(
  actorId: string | null,
  bytes: Uint8Array,
  rawFileName: string | null,
  confirmed?: Partial<ReportMeta>,
  limits: ImportLimits = {},
  region?: CreateReportInput["region"],
): Promise<{ id: string; pledges: number }> {
  const fileName = cleanFileName(rawFileName);
  const { decoded, parsed } = decodeAndParse(bytes, fileName, limits);
  const meta = reportMetaSchema.safeParse({ ...detectedMeta(parsed), ...confirmed });
  if (!meta.success) {
    const issue = meta.error.issues[0];
    throw new AppError("INVALID_INPUT", issue.message, { field: issue.path.join(".") });
  }
  const structure = toStoredStructure(parsed);
  const created = await createReport(actorId, {
    meta: meta.data,
    sourceText: decoded.text,
    encoding: decoded.encoding,
    fileName,
    body: parsed.body,
    region,
    ...structure,
  });
  return { id: created.id, pledges: structure.pledges.length };
}

export { ReportInputError };
