import { splitRegionName } from "@/lib/report/metadata";
import { toSimplified } from "@/lib/report/script";
import type { ParsedReport } from "@/lib/report/types";
import type { PledgeInput, ReportMeta, SectionInput } from "./schema";

const SECTION_KIND: Record<string, string> = {
  review: "review",
  plan: "plan",
  fiveYear: "five-year",
  appendix: "appendix",
  list: "list",
  other: "other",
};

/**
 * Flattens a parsed report into the rows we store: the section tree (top-level sections,
 * subsections, topics, headline-target and list blocks) and the pledges, each pledge attached to
 * the innermost section that contains it. Offsets are kept as the parser gave them.
 */
export function toStoredStructure(parsed: ParsedReport): {
  sections: SectionInput[];
  pledges: PledgeInput[];
} {
  const sections: SectionInput[] = [];
  parsed.sections.forEach((s, i) => {
    const key = `s${i}`;
    sections.push({
      key,
      parentKey: null,
      kind: SECTION_KIND[s.kind] ?? "other",
      heading: s.heading,
      start: s.start,
      end: s.end,
    });
    s.subsections.forEach((sub, j) => {
      const subKey = `${key}.${j}`;
      sections.push({
        key: subKey,
        parentKey: key,
        kind: "subsection",
        heading: sub.heading,
        start: sub.start,
        end: sub.end,
      });
      sub.topics.forEach((t, k) => {
        sections.push({
          key: `${subKey}.t${k}`,
          parentKey: subKey,
          kind: "topic",
          heading: t.text,
          start: t.start,
          end: t.end,
        });
      });
    });
  });
  parsed.blocks.forEach((b, n) => {
    const parent = sections.find(
      (s) => s.parentKey === null && s.start <= b.start && b.end <= s.end,
    );
    sections.push({
      key: `b${n}`,
      parentKey: parent?.key ?? null,
      kind: b.kind,
      heading: b.heading,
      start: b.start,
      end: b.end,
    });
  });

  // Innermost container: a subsection or block beats its top-level section; topics are kept as text.
  const containers = sections.filter((s) => s.kind !== "topic");
  const depth = (s: SectionInput) => (s.parentKey === null ? 0 : 1);
  const pledges: PledgeInput[] = parsed.pledges.map((p) => {
    let best: SectionInput | null = null;
    for (const s of containers) {
      if (
        s.start <= p.start &&
        p.end <= s.end &&
        (!best ||
          depth(s) > depth(best) ||
          (depth(s) === depth(best) && s.end - s.start < best.end - best.start))
      )
        best = s;
    }
    return {
      start: p.start,
      end: p.end,
      sectionKey: best?.key ?? null,
      topic: p.topic,
      kind: p.kind,
      target: p.target
        ? {
            value: p.target.value,
            valueMax: p.target.valueMax ?? null,
            unit: p.target.unit,
            comparator: p.target.comparator,
            growth: p.target.growth,
          }
        : null,
      tier: p.tier,
      tierReason: p.tierReason,
      title: p.title,
    };
  });
  return { sections, pledges };
}

/**
 * The metadata the import form starts from: what the parser detected, with a title made up from
 * region and year when the text has none. Region may be empty (the analyst must fill it in).
 */
export function detectedMeta(
  parsed: ParsedReport,
): Omit<ReportMeta, "region"> & { region: string } {
  const m = parsed.meta;
  const region = m.region ?? "";
  // A report is named by its region and year wherever it appears (lists, audits, share pages,
  // exports): a title that names neither (政府工作报告, 政 府 工 作 报 告) becomes the full name.
  const stated = m.title?.replace(/\s+/g, "") ?? "";
  const full = [m.year ? `${m.year}年` : "", region, "政府工作报告"].join("");
  const short = region ? splitRegionName(toSimplified(region)).short : "";
  const namesIt =
    stated &&
    (!short || toSimplified(stated).includes(short)) &&
    (!m.year || stated.includes(String(m.year)));
  const title = namesIt ? stated : full;
  return {
    region,
    level: (m.level === "township" ? "other" : m.level) ?? "other",
    year: m.year,
    title: title.slice(0, 200),
    deliveredOn: m.deliveredOn,
    speaker: m.speaker,
    meeting: m.meeting,
    script: m.script,
  };
}
