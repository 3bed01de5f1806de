import type { ReportSectionDto } from "@/lib/reports/data";

/** A top-level section drawn as an outlined block in the source pane. */
export type SourceRegion = { kind: string; heading: string; start: number; end: number };

/** One run of source characters with uniform styling; `start` becomes the span's data-offset. */
export type SourceSegment = {
  start: number;
  end: number;
  /** The pledge whose span covers this run, if any. */
  pledgeId: string | null;
  pledgeKind: string | null;
  /** The covering pledge's tier, and whether it is marked "not a pledge" (drawn fainter). */
  pledgeTier: string | null;
  pledgeExcluded: boolean;
  /** 1: heading of a top-level section, 2: subsection heading, 0: neither. */
  heading: 0 | 1 | 2;
  /** Outside the report body [bodyStart, bodyEnd): web chrome, shown dimmed. */
  chrome: boolean;
};

/** The source cut into blocks: runs outside any top-level section (region null) and outlined sections. */
export type SourceBlock = { region: SourceRegion | null; segments: SourceSegment[] };

type Span = { start: number; end: number };

/**
 * Cuts a report's source into a flat sequence of styled runs, grouped into top-level section
 * blocks. Every character of the source lands in exactly one run, in order, so concatenating the
 * runs gives the source back and each run's start maps a DOM position to a source offset.
 * Linear in the number of boundaries (pledges and sections are sorted once).
 */
export function buildSourceBlocks(input: {
  sourceText: string;
  bodyStart: number;
  bodyEnd: number;
  sections: ReportSectionDto[];
  pledges: {
    id: string;
    start: number;
    end: number;
    kind: string;
    tier: string;
    excluded: boolean;
  }[];
}): SourceBlock[] {
  const { sourceText } = input;
  const length = sourceText.length;
  const clamp = (n: number) => Math.max(0, Math.min(length, n));

  // Top-level sections, in order, without overlaps (a later overlapping one is not outlined).
  const regions: SourceRegion[] = [];
  for (const s of [...input.sections]
    .filter((s) => s.parentId === null)
    .sort((a, b) => a.start - b.start || b.end - a.end)) {
    const start = clamp(s.start);
    const end = clamp(s.end);
    if (end <= start) continue;
    if (regions.length && start < regions[regions.length - 1].end) continue;
    regions.push({ kind: s.kind, heading: s.heading, start, end });
  }

  // Headings that appear verbatim at the start of their section.
  const headings: (Span & { level: 1 | 2 })[] = [];
  for (const s of input.sections) {
    const level = s.parentId === null ? 1 : s.kind === "subsection" ? 2 : 0;
    if (!level || !s.heading) continue;
    if (sourceText.startsWith(s.heading, s.start))
      headings.push({ start: s.start, end: clamp(s.start + s.heading.length), level });
  }
  headings.sort((a, b) => a.start - b.start);

  const pledges = [...input.pledges]
    .filter((p) => p.start < p.end)
    .sort((a, b) => a.start - b.start);

  const cuts = new Set<number>([0, length, clamp(input.bodyStart), clamp(input.bodyEnd)]);
  for (const r of regions) cuts.add(r.start).add(r.end);
  for (const h of headings) cuts.add(h.start).add(h.end);
  for (const p of pledges) cuts.add(clamp(p.start)).add(clamp(p.end));
  const points = [...cuts].sort((a, b) => a - b);

  const blocks: SourceBlock[] = [];
  let pi = 0;
  let hi = 0;
  let ri = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    while (pi < pledges.length && pledges[pi].end <= start) pi++;
    while (hi < headings.length && headings[hi].end <= start) hi++;
    while (ri < regions.length && regions[ri].end <= start) ri++;
    const pledge = pi < pledges.length && pledges[pi].start <= start ? pledges[pi] : null;
    const heading = hi < headings.length && headings[hi].start <= start ? headings[hi].level : 0;
    const region = ri < regions.length && regions[ri].start <= start ? regions[ri] : null;
    const segment: SourceSegment = {
      start,
      end,
      pledgeId: pledge?.id ?? null,
      pledgeKind: pledge?.kind ?? null,
      pledgeTier: pledge?.tier ?? null,
      pledgeExcluded: pledge?.excluded ?? false,
      heading,
      chrome: start < input.bodyStart || start >= input.bodyEnd,
    };
    const last = blocks[blocks.length - 1];
    if (last && last.region === region) last.segments.push(segment);
    else blocks.push({ region, segments: [segment] });
  }
  return blocks;
}
