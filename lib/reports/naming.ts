/**
 * PURE: how a report is named. A report is named by its region and year wherever it appears —
 * lists, review queue, audit headings, share pages, exports — so a title that states neither
 * (政府工作报告) gives way to the full name, 2019年呼伦贝尔市海拉尔区政府工作报告.
 */
import { toSimplified } from "@/lib/report/script";

/** The full name of a report: `2019年呼伦贝尔市海拉尔区政府工作报告` (without a year: `呼伦贝尔市海拉尔区政府工作报告`). */
export function defaultReportTitle(year: number | null, regionFullName: string): string {
  return `${year ? `${year}年` : ""}${regionFullName}政府工作报告`;
}

/** Whether a title names no region: 政府工作报告, 政 府 工 作 报 告, 2019年政府工作报告, 政府工作報告. */
export function isGenericTitle(title: string): boolean {
  const t = toSimplified(title.replace(/[\s\u3000]+/g, ""));
  return /^((?:19|20)\d{2}年)?(?:人民)?政府工作报告$/.test(t) || t === "";
}

/** A compact label for a report where its title would not fit: `海拉尔区 2014` (`海拉尔区 ?` without a year). */
export function reportLabel(regionName: string, year: number | null): string {
  return `${regionName} ${year ?? "?"}`;
}

/**
 * The stem of an audit export's file name: `2018年海拉尔区` (a pair: plan year and region), `海拉尔区`
 * (a region), `2018年` (a year). Characters file systems refuse become `_`.
 */
export function exportFileStem(parts: { year?: number | null; region?: string | null }): string {
  return (
    `${parts.year ? `${parts.year}年` : ""}${parts.region ?? ""}`.replace(
      /[\\/:*?"<>|\s]+/g,
      "_",
    ) || "audit"
  );
}
