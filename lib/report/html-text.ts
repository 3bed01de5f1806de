/**
 * A small, careful HTML → readable text extractor for reports saved from web pages.
 * It drops script/style/head/comments, turns block elements and <br> into line breaks,
 * removes all other tags and decodes entities. No DOM is built; the input is trusted
 * only as text (nothing is executed or fetched).
 */

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  middot: "·",
  bull: "•",
  times: "×",
  divide: "÷",
  copy: "©",
  reg: "®",
  trade: "™",
  yen: "¥",
  deg: "°",
  plusmn: "±",
  laquo: "«",
  raquo: "»",
  sect: "§",
  permil: "‰",
  shy: "",
  zwj: "",
  zwnj: "",
};

const BLOCK_TAGS =
  "p|div|br|li|ul|ol|tr|table|tbody|thead|tfoot|h[1-6]|section|article|header|footer|nav|aside|main|blockquote|pre|hr|dd|dt|dl|form|fieldset|figure|figcaption|address|center|title";

/** Decode HTML character references: named (a common subset incl. &nbsp;) and numeric. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(
    /&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g,
    (m, body: string) => {
      if (body[0] === "#") {
        const code =
          body[1] === "x" || body[1] === "X"
            ? parseInt(body.slice(2), 16)
            : parseInt(body.slice(1), 10);
        if (
          !Number.isFinite(code) ||
          code <= 0 ||
          code > 0x10ffff ||
          (code >= 0xd800 && code <= 0xdfff)
        )
          return "\uFFFD";
        if (code === 0xa0) return " ";
        return String.fromCodePoint(code);
      }
      const named = NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()];
      return named !== undefined ? named : m;
    },
  );
}

/**
 * `text.replace(pattern, replace)` for a global tag pattern, in time linear in the text. `opener` is
 * the pattern's fixed start (e.g. `<(script|style)\b`), used to find where an attempt can begin.
 * Every pattern given here has this property: once an attempt fails at one start, it fails at every
 * later start too (an attempt fails only when no ">" — or no closing tag — follows, and what follows
 * a later start is a part of what followed an earlier one). So the first failure ends the work: the
 * regex engine would instead go on trying each later "<", scanning to the end of the text from every
 * one of them, which is quadratic on a page full of unclosed tags (issue 12).
 */
function replaceTags(
  text: string,
  opener: RegExp,
  pattern: RegExp,
  replace: (match: string) => string,
): string {
  const starts = new RegExp(
    opener.source,
    opener.flags.includes("g") ? opener.flags : opener.flags + "g",
  );
  const whole = new RegExp(pattern.source, pattern.flags.replace("g", "") + "y");
  const out: string[] = [];
  let last = 0;
  for (let m = starts.exec(text); m; m = starts.exec(text)) {
    whole.lastIndex = m.index;
    const hit = whole.exec(text);
    if (!hit) break;
    out.push(text.slice(last, m.index), replace(hit[0]));
    last = starts.lastIndex = Math.max(whole.lastIndex, m.index + 1);
  }
  out.push(text.slice(last));
  return out.join("");
}

const RAW_TEXT_OPEN = /<(script|style|noscript|template|svg|iframe|object)\b/gi;
const BLOCK_OPEN = new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b`, "gi");
const BLOCK_TAG = new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b[^>]*>`, "gi");

/**
 * Extract the readable text of an HTML document: script/style/head/comments removed,
 * block elements and <br> become newlines, other tags vanish, entities are decoded,
 * runs of blank lines are collapsed and trailing spaces trimmed. Linear in the input.
 */
export function extractHtmlText(html: string): string {
  let s = html;
  s = s.replace(/<!--[\s\S]*?(?:-->|$)/g, " ");
  s = replaceTags(s, /<!\[CDATA\[/g, /<!\[CDATA\[[\s\S]*?\]\]>/g, () => " ");
  s = replaceTags(
    s,
    RAW_TEXT_OPEN,
    /<(script|style|noscript|template|svg|iframe|object)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi,
    () => " ",
  );
  s = replaceTags(s, /<head\b/gi, /<head\b[^>]*>[\s\S]*?<\/head\s*>/gi, () => " ");
  s = replaceTags(s, /<!doctype/gi, /<!doctype[^>]*>/gi, () => "");
  // Newlines in HTML source are just whitespace; line structure comes from tags.
  s = s.replace(/[\r\n\t]+/g, " ");
  s = replaceTags(s, BLOCK_OPEN, BLOCK_TAG, () => "\n");
  s = replaceTags(s, /<\/?(?:td|th)\b/gi, /<\/?(?:td|th)\b[^>]*>/gi, () => " ");
  s = replaceTags(s, /<\/?[a-zA-Z]/g, /<\/?[a-zA-Z][^>]*>/g, () => "");
  s = s.replace(/<\/?[a-zA-Z][\s\S]*$/, ""); // an unterminated trailing tag
  s = decodeHtmlEntities(s);
  const lines = s.split("\n").map((l) => l.replace(/[ \u00a0]+/g, " ").replace(/^ +| +$/g, ""));
  const out: string[] = [];
  for (const line of lines) {
    if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(line);
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

const HTML_SIGNAL_TAG = /<\/?(p|div|br|span|table|td|tr|li|a|font|strong|b|h[1-6])\b[^>]*>/gi;

/** Heuristic: does this (decoded) text look like an HTML document rather than plain text? */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<?xml"))
    return true;
  const sample = text.slice(0, 200_000);
  // Both tests stop at the first "<tag" with no ">" after it (see replaceTags): none later can match.
  const root = /<(html|body|head)\b/i.exec(sample);
  if (root && sample.indexOf(">", root.index) >= 0) return true;
  const tags: string[] = [];
  replaceTags(
    sample,
    /<\/?(p|div|br|span|table|td|tr|li|a|font|strong|b|h[1-6])\b/gi,
    HTML_SIGNAL_TAG,
    (m) => {
      tags.push(m);
      return m;
    },
  );
  return tags.length >= 10 && tags.join("").length > sample.length * 0.02;
}
