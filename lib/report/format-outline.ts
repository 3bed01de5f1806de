/**
 * A human-readable plain-text outline of a parsed report (used for golden files and for
 * eyeballing parser output): metadata lines, sections with offsets, then one line per pledge.
 */
import type { ParsedReport, Target } from "./types";

function formatTarget(t: Target | null): string {
  if (!t) return "-";
  const range = t.valueMax !== undefined ? `${t.value}-${t.valueMax}` : `${t.value}`;
  return `${t.comparator} ${range} ${t.unit}${t.growth ? ` (growth${t.direction === "down" ? " down" : ""})` : ""}`;
}

/**
 * Render `parsed` as text: `key: value` meta lines, `[kind] start-end heading` section lines
 * (subsections indented), and `[kind tier] start-end | section › topic | text | target` pledge lines
 * (tier: `T reason` trackable, `D` direction).
 */
export function formatReportOutline(parsed: ParsedReport): string {
  const m = parsed.meta;
  const lines: string[] = [];
  lines.push(`region: ${m.region ?? "-"}`);
  lines.push(`level: ${m.level ?? "-"}`);
  lines.push(`year: ${m.year ?? "-"}`);
  lines.push(`deliveredOn: ${m.deliveredOn ?? "-"}`);
  lines.push(`meeting: ${m.meeting ?? "-"}`);
  lines.push(`speaker: ${m.speaker ?? "-"}`);
  lines.push(`script: ${m.script}`);
  lines.push(`title: ${m.title ?? "-"}`);
  lines.push(`body: ${parsed.body.start}-${parsed.body.end}`);
  lines.push("");
  lines.push("## sections");
  for (const s of parsed.sections) {
    lines.push(
      `[${s.kind}${s.continuesPlan ? " (continues plan)" : ""}] ${s.start}-${s.end} ${s.heading}`,
    );
    for (const sub of s.subsections) {
      lines.push(`  ${sub.start}-${sub.end} ${sub.heading}`);
      for (const t of sub.topics) lines.push(`    · ${t.text}`);
    }
  }
  for (const b of parsed.blocks) lines.push(`[${b.kind}] ${b.start}-${b.end} ${b.heading || "-"}`);
  lines.push("");
  lines.push(`## pledges (${parsed.pledges.length})`);
  for (const p of parsed.pledges) {
    const where = p.topic ? `${p.section} › ${p.topic}` : p.section;
    const tier = p.tier === "trackable" ? `T ${p.tierReason}` : "D";
    const text = p.title ? `${p.text} «${p.title}»` : p.text;
    lines.push(
      `[${p.kind} ${tier}] ${p.start}-${p.end} | ${where} | ${text} | ${formatTarget(p.target)}`,
    );
  }
  return lines.join("\n") + "\n";
}
