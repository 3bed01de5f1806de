/**
 * PURE: the embeddable badge of a shared audit report, as SVG text — "海拉尔区 2012–2016：61% 的可跟踪
 * 承诺已兑现" — or, when too few pledges are assessed for the rate to stand (rateIsHeadline, issue
 * 15), how many are assessed instead of a rate. Static markup only: no script, no external
 * reference, every text escaped.
 */

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** Approximate width of a text at 12px: wide for CJK and full-width characters, narrow otherwise. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 12.5 : 7;
  return Math.ceil(w);
}

export type BadgeTone = "good" | "fair" | "poor" | "none";

/** The colour of a rate: green from 70%, amber from 40%, red below; grey without a rate. */
export function badgeTone(rate: number | null): BadgeTone {
  if (rate === null) return "none";
  return rate >= 0.7 ? "good" : rate >= 0.4 ? "fair" : "poor";
}

const FILL: Record<BadgeTone, string> = {
  good: "#15803d",
  fair: "#b45309",
  poor: "#b91c1c",
  none: "#57534e",
};

/** The badge: a brand label and the message, sized to its text, with the message as its accessible name. */
export function renderBadge(label: string, message: string, tone: BadgeTone): string {
  const lw = textWidth(label) + 16;
  const mw = textWidth(message) + 16;
  const w = lw + mw;
  const title = escapeXml(`${label} · ${message}`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="24" viewBox="0 0 ${w} 24" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="${w}" height="24" rx="4" fill="${FILL[tone]}"/>`,
    `<rect width="${lw}" height="24" rx="4" fill="#292524"/>`,
    `<rect x="${lw - 4}" width="4" height="24" fill="#292524"/>`,
    `<g fill="#ffffff" font-family="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif" font-size="12">`,
    `<text x="8" y="16">${escapeXml(label)}</text>`,
    `<text x="${lw + 8}" y="16">${escapeXml(message)}</text>`,
    `</g>`,
    `</svg>`,
  ].join("");
}
