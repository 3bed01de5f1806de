import type { MessageKey } from "@/lib/i18n/messages";

/** Badge colours of the pledge kinds in the list. */
export const KIND_BADGE: Record<string, string> = {
  quantitative: "bg-amber-100 text-amber-900",
  project: "bg-sky-100 text-sky-900",
  policy: "bg-lime-100 text-lime-900",
};

/** Badge colours of the top-level section kinds (list group headers). */
export const SECTION_BADGE: Record<string, string> = {
  review: "bg-sky-100 text-sky-800",
  plan: "bg-emerald-100 text-emerald-800",
  "five-year": "bg-violet-100 text-violet-800",
  appendix: "bg-stone-200 text-stone-700",
  list: "bg-amber-100 text-amber-800",
  targets: "bg-amber-100 text-amber-800",
  other: "bg-stone-100 text-stone-600",
};

const REGION_KEYS: Record<string, MessageKey> = {
  review: "report.section.review",
  plan: "report.section.plan",
  "five-year": "report.section.fiveYear",
  appendix: "report.section.appendix",
  list: "report.section.list",
  targets: "report.section.targets",
};

/** The catalogue key naming a section kind (unknown kinds read "other"). */
export function regionLabelKey(kind: string): MessageKey {
  return REGION_KEYS[kind] ?? "report.section.other";
}
