import { z } from "zod";
import { REGION_LEVELS } from "@/lib/reports/schema";

const id = z.string().min(1).max(64);
const regionName = z.string().trim().min(1, { message: "REGION_REQUIRED" }).max(100);

/**
 * Admin: correct a region record — its official name (the old one stays a name it is known by),
 * short form, level and the region above it (null: none). `version` is the one the form read.
 */
export const updateRegionSchema = z.object({
  regionId: id,
  version: z.number().int().min(1),
  name: regionName,
  shortName: z.string().trim().max(50).optional(),
  level: z.enum(REGION_LEVELS),
  parentId: id.nullable(),
});
export type UpdateRegionInput = z.infer<typeof updateRegionSchema>;

/** Admin: merge region `sourceId` into `targetId` (its reports, sub-regions and names move; it is removed). */
export const mergeRegionsSchema = z.object({
  sourceId: id,
  targetId: id,
  sourceVersion: z.number().int().min(1),
});
export type MergeRegionsInput = z.infer<typeof mergeRegionsSchema>;

/** What the import preview and the report editor ask about a name an analyst typed. */
export const matchRegionSchema = z.object({ name: z.string().trim().max(100) });

/** A region as pickers and match results show it. */
export type RegionSummaryDto = {
  id: string;
  name: string;
  /** The name a report title uses (呼伦贝尔市海拉尔区). */
  fullName: string;
  level: string;
  /** The regions above it, largest first (内蒙古自治区, 呼伦贝尔市). */
  path: string[];
  /** Reports in use (not archived). */
  reports: number;
  /** For renames and merges (optimistic concurrency). */
  version: number;
};

/**
 * What a name matches, for the import preview and the report editor: an existing region, a
 * question ("same as 海拉尔区?", or which of several), or a new region (with the regions that would
 * be created above it).
 */
export type RegionMatchDto =
  | { kind: "existing"; region: RegionSummaryDto }
  | { kind: "ask"; reason: "ambiguous" | "similar"; candidates: RegionSummaryDto[] }
  | { kind: "new"; name: string; parents: string[] };
