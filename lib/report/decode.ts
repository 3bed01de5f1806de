/**
 * Turn uploaded bytes into report text: refuse what is not text, detect the encoding
 * (UTF-8, GB18030/GBK, Big5), strip a byte-order mark and, for HTML pages, extract the
 * readable text. The returned `text` is what every later offset refers to; apart from
 * BOM removal (and HTML extraction) it is exactly the decoded text, CRLF included.
 */
import iconv from "iconv-lite";
import { ReportInputError } from "./errors";
import { extractHtmlText, looksLikeHtml } from "./html-text";

/** Largest accepted upload, checked before any decoding. */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

export type ReportEncoding = "utf-8" | "gb18030" | "big5";

export type DecodedReport = {
  text: string;
  encoding: ReportEncoding;
  format: "text" | "html";
  /** Length in bytes of the byte-order mark that was removed, when there was one. */
  bomLength?: number;
};

const COMMON_CJK = new Set(
  "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或但质气第向道此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果料员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研万亿元项目城市区域服务保障改革创善推企优完设施" +
    "這為個們來時國對會說進發產經動過與現關實點體當開長問題區務預統導從後無頭見議設論變負財責貨資質購車軍較輸轉辦農運遠達選醫錢隊際陳險難電類風養館馬黨齊總計劃員級鎮縣續網線營環衛節優規範壓縮標準據項領處條報審權勞華紀給約決舉興義習書價眾傳億萬場層濟築態廣",
);

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function asciiHead(bytes: Uint8Array, n: number): string {
  let s = "";
  const end = Math.min(bytes.length, n);
  for (let i = 0; i < end; i++) s += bytes[i] < 0x80 ? String.fromCharCode(bytes[i]) : " ";
  return s;
}

function refuseNonText(bytes: Uint8Array): void {
  const head = asciiHead(bytes, 1024);
  if (head.includes("%PDF-"))
    throw new ReportInputError(
      "PDF",
      "This is a PDF file; copy its text or save it as .txt first.",
    );
  const formats: [number[], string][] = [
    [[0x50, 0x4b, 0x03, 0x04], "a ZIP archive or Office document (.docx/.xlsx)"],
    [[0x50, 0x4b, 0x05, 0x06], "a ZIP archive"],
    [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "a legacy Office document (.doc/.xls)"],
    [[0x89, 0x50, 0x4e, 0x47], "a PNG image"],
    [[0xff, 0xd8, 0xff], "a JPEG image"],
    [[0x47, 0x49, 0x46, 0x38], "a GIF image"],
    [[0x1f, 0x8b], "a gzip archive"],
    [[0x52, 0x61, 0x72, 0x21], "a RAR archive"],
    [[0x37, 0x7a, 0xbc, 0xaf], "a 7-Zip archive"],
    [[0x7b, 0x5c, 0x72, 0x74, 0x66], "an RTF document"],
    [[0xff, 0xfe], "UTF-16 text"],
    [[0xfe, 0xff], "UTF-16 text"],
  ];
  for (const [sig, what] of formats) {
    if (startsWith(bytes, sig)) {
      throw new ReportInputError(
        "UNSUPPORTED_FORMAT",
        `This file is ${what}, not a text or HTML report; save it as UTF-8 text first.`,
      );
    }
  }
  if (
    startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) &&
    startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)
  ) {
    throw new ReportInputError(
      "UNSUPPORTED_FORMAT",
      "This file is a WebP image, not a text or HTML report.",
    );
  }
  // A NUL anywhere, not only in the sampled head: PostgreSQL cannot store U+0000 in text.
  if (bytes.indexOf(0) !== -1)
    throw new ReportInputError(
      "BINARY",
      "This file is binary (it contains NUL bytes), not a text report.",
    );
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (
      (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) ||
      b === 0x7f
    )
      control++;
  }
  if (control > Math.max(2, n * 0.005)) {
    throw new ReportInputError(
      "BINARY",
      "This file is binary (too many control characters), not a text report.",
    );
  }
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const cut = incompleteUtf8Tail(bytes);
    if (cut === 0) return null;
    try {
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
        bytes.subarray(0, bytes.length - cut),
      );
    } catch {
      return null;
    }
  }
}

/**
 * How many bytes at the end form the start of a UTF-8 sequence cut short (a file cut off in the
 * middle of a character, e.g. by an interrupted download or a size limit): 1 to 3, else 0.
 * Those bytes are dropped rather than letting one broken character send valid UTF-8 text to the
 * legacy-encoding guess, which would then refuse it with a misleading "unknown encoding".
 */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  const len = bytes.length;
  for (let k = 1; k <= 3 && k <= len; k++) {
    const b = bytes[len - k];
    if (b >= 0x80 && b < 0xc0) continue; // a continuation byte: keep looking for the lead byte
    const need =
      b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    return need > k ? k : 0;
  }
  return 0;
}

type Candidate = { encoding: "gb18030" | "big5"; text: string; score: number; bad: number };

function scoreCandidate(encoding: "gb18030" | "big5", bytes: Uint8Array): Candidate {
  const text = iconv.decode(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    encoding,
    { stripBOM: false },
  );
  let cjk = 0;
  let common = 0;
  let bad = 0;
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    const c = ch.charCodeAt(0);
    if (c === 0xfffd) bad++;
    else if (c >= 0xe000 && c <= 0xf8ff)
      bad++; // private use area: a decoding artefact
    else if (c >= 0x4e00 && c <= 0x9fff) {
      cjk++;
      if (COMMON_CJK.has(ch)) common++;
    } else if (c >= 0x3400 && c <= 0x4dbf) cjk++; // rare extension A: counts, but is never common
  }
  const score = cjk === 0 ? 0 : common / cjk - (bad / Math.max(1, n)) * 10;
  return { encoding, text, score, bad };
}

function sniffDeclaredCharset(bytes: Uint8Array): "gb18030" | "big5" | null {
  const head = asciiHead(bytes, 4096).toLowerCase();
  const m = head.match(/charset\s*=\s*["']?\s*([a-z0-9_-]+)/);
  if (!m) return null;
  if (/^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn|hz-gb-2312)$/.test(m[1])) return "gb18030";
  if (/^(big5|big5-hkscs|cp950|x-x-big5)$/.test(m[1])) return "big5";
  return null;
}

function decodeLegacy(bytes: Uint8Array): { text: string; encoding: "gb18030" | "big5" } {
  const declared = sniffDeclaredCharset(bytes);
  const gb = scoreCandidate("gb18030", bytes);
  const big5 = scoreCandidate("big5", bytes);
  if (declared) {
    const pick = declared === "gb18030" ? gb : big5;
    if (pick.bad <= pick.text.length * 0.01) return pick;
  }
  const best = gb.score >= big5.score ? gb : big5;
  if (best.score < 0.1 || best.bad > best.text.length * 0.02) {
    throw new ReportInputError(
      "UNKNOWN_ENCODING",
      "Cannot tell the text encoding (tried UTF-8, GB18030/GBK and Big5); save the file as UTF-8.",
    );
  }
  return best;
}

/**
 * Decode uploaded bytes into report text. Refuses (ReportInputError) empty or whitespace-only
 * input, files over MAX_REPORT_BYTES (checked first), PDF, archives/Office/images, binary data
 * and undecodable text. Detects UTF-8 (BOM stripped), GB18030/GBK and Big5; HTML (by file name
 * or content) is reduced to its readable text, which then becomes `text`.
 */
export function decodeReport(bytes: Uint8Array, fileName?: string): DecodedReport {
  if (bytes.length > MAX_REPORT_BYTES) {
    throw new ReportInputError(
      "TOO_LARGE",
      `The file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_REPORT_BYTES / 1024 / 1024} MB.`,
    );
  }
  if (bytes.length === 0) throw new ReportInputError("EMPTY", "The file is empty.");
  refuseNonText(bytes);

  let text: string;
  let encoding: ReportEncoding;
  let bomLength: number | undefined;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const t = tryUtf8(bytes.subarray(3));
    if (t === null)
      throw new ReportInputError(
        "UNKNOWN_ENCODING",
        "The file starts with a UTF-8 byte-order mark but is not valid UTF-8.",
      );
    text = t;
    encoding = "utf-8";
    bomLength = 3;
  } else if (startsWith(bytes, [0x84, 0x31, 0x95, 0x33])) {
    text = iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset + 4, bytes.byteLength - 4),
      "gb18030",
    );
    encoding = "gb18030";
    bomLength = 4;
  } else {
    const utf8 = tryUtf8(bytes);
    if (utf8 !== null) {
      text = utf8;
      encoding = "utf-8";
    } else {
      ({ text, encoding } = decodeLegacy(bytes));
    }
  }

  let format: "text" | "html" = "text";
  if ((fileName && /\.(x?html?|shtml)$/i.test(fileName)) || looksLikeHtml(text)) {
    format = "html";
    text = extractHtmlText(text);
  }
  if (!/[^\s\u3000\ufeff]/.test(text)) {
    throw new ReportInputError("EMPTY", "The file contains no text (only whitespace).");
  }
  return bomLength ? { text, encoding, format, bomLength } : { text, encoding, format };
}
