import { z } from "zod";
import type { AssessmentStatus } from "@/lib/assessments/schema";
import type { IndicatorSeries, PledgeLine } from "./line";

/** How many plans back a pledge's predecessor is looked for (the plan just before first). */
export const LOOKBACK_YEARS = 3;

export const LINK_STATES = ["suggested", "confirmed", "rejected"] as const;
export type LinkState = (typeof LINK_STATES)[number];

const id = z.string().min(1).max(64);

/** Confirm or reject a lineage link at the version the client read. */
export const decidePledgeLinkSchema = z.object({ linkId: id, version: z.number().int().min(1) });
export type DecidePledgeLinkInput = z.infer<typeof decidePledgeLinkSchema>;

/** Name the earlier pledge a pledge repeats. */
export const choosePledgeLinkSchema = z.object({ pledgeId: id, predecessorId: id });
export type ChoosePledgeLinkInput = z.infer<typeof choosePledgeLinkSchema>;

/** A pledge of another year as the lineage panel shows it. */
export type LinePledgeDto = {
  id: string;
  reportId: string;
  year: number;
  text: string;
  status: AssessmentStatus;
};

/** A predecessor the matcher offers for a pledge, with its words in common. */
export type LineageCandidateDto = LinePledgeDto & { score: number; terms: string[] };

/** The link from a pledge to its predecessor, as the pledge page shows and decides it. */
export type PledgeLinkDto = {
  id: string;
  state: LinkState;
  version: number;
  predecessor: LinePledgeDto;
  score: number | null;
  probability: number | null;
  terms: string[];
  decidedBy: string | null;
  decidedAt: string | null;
};

/** Everything the pledge page shows of lineage. */
export type PledgeLineageDto = {
  /** The line the pledge belongs to (suggested and confirmed links), or null. */
  line: PledgeLine | null;
  /** The pledge's own link to its predecessor that still joins (suggested or confirmed), if any. */
  link: PledgeLinkDto | null;
  /** Predecessors a person rejected for it. */
  rejected: PledgeLinkDto[];
  /** The report's lineage waits to be computed (a report of the region arrived or changed). */
  pending: boolean;
};

/** A region's multi-year record: its recurring pledges and its headline targets against outcomes. */
export type RegionRecordDto = {
  regionId: string;
  /** The plan years of its reports in use, first and last (null without reports). */
  years: [number, number] | null;
  /** Lines spanning at least three plan years, worst record first. */
  recurring: PledgeLine[];
  series: IndicatorSeries[];
  /** Reports whose lineage waits to be computed. */
  pending: number;
};

/** A pledge's lineage for the data API: its predecessor and successors that still join, its line, and whether it is computed. */
export type LineageSummary = {
  predecessor: {
    pledgeId: string;
    reportId: string;
    year: number;
    state: "suggested" | "confirmed";
    score: number | null;
  } | null;
  successors: {
    pledgeId: string;
    reportId: string;
    year: number;
    state: "suggested" | "confirmed";
  }[];
  line: {
    years: number[];
    pledges: { pledgeId: string; reportId: string; year: number; status: string }[];
  } | null;
  computed: boolean;
};
