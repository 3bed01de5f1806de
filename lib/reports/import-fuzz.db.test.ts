import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { MAX_REPORT_BYTES } from "@/lib/report/decode";
import { ReportInputError, type ReportInputErrorCode } from "@/lib/report/errors";
import { fuzzSeed, seededRandom } from "@/lib/seeded-random";
import { importReport, previewImport } from "./import";
import type { ReportMeta } from "./schema";

/**
 * Fuzz of the import: the functions the import page's server actions call (previewImport for the
 * preview, importReport for the save) fed random bytes, real reports cut at random places (also
 * in the middle of a character), mixed encodings, UTF-16, NUL bytes, HTML and essays that are no
 * report, empty input and the 20 MB limit. Every case must end in success or in a ReportInputError
 * / AppError with a known code and a one-line message, and a refused import must leave the
 * database exactly as it was. Deterministic: a seeded PRNG; set DUIXIAN_FUZZ_SEED to try others.
 */
const SEED = fuzzSeed(20_261_122);
console.log(`import fuzz seed: ${SEED} (replay with DUIXIAN_FUZZ_SEED=${SEED})`);

// Each group of cases draws from its own stream, so running one group alone replays it exactly.
let rnd = seededRandom(SEED);

const CORPUS = path.resolve(__dirname, "../../seed/reports");
type Sample = { name: string; bytes: Buffer; encoding: "utf-8" | "gb18030" | "big5" };
const samples: Sample[] = [];
for (const dir of ["seeds", "hailar"]) {
  for (const f of readdirSync(path.join(CORPUS, dir)).sort()) {
    samples.push({
      name: f,
      bytes: readFileSync(path.join(CORPUS, dir, f)),
      encoding: f.includes("gb18030") ? "gb18030" : "utf-8",
    });
  }
}
// The corpus has no Big5 file: the two traditional-script reports, encoded as Big5.
for (const f of ["001_bc1dc47a901dac11.txt", "002_f43de3d8f036b3c9.txt"]) {
  samples.push({
    name: `${f}.big5`,
    bytes: iconv.encode(readFileSync(path.join(CORPUS, "seeds", f), "utf8"), "big5"),
    encoding: "big5",
  });
}
const utf8Samples = samples.filter((s) => s.encoding === "utf-8");
const text = (s: string) => Buffer.from(s, "utf8");

/** Offsets just after the lead byte of a multi-byte character: cutting there splits the character. */
function midCharacterOffsets(bytes: Uint8Array, encoding: Sample["encoding"]): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    let len = 1;
    if (encoding === "utf-8") len = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    else if (b >= 0x81)
      len = encoding === "gb18030" && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 ? 4 : 2;
    if (len > 1) out.push(i + rnd.int(1, len - 1));
    i += len;
  }
  return out;
}

/** A byte offset at the start of a line, so a spliced-in chunk does not split a character. */
function lineStart(bytes: Uint8Array): number {
  const from = rnd.int(0, bytes.length - 1);
  const nl = bytes.indexOf(0x0a, from);
  return nl === -1 ? bytes.length : nl + 1;
}

type Outcome = ReportInputErrorCode | "saved" | `app:${AppError["code"]}`;
type Case = {
  name: string;
  bytes: Uint8Array;
  fileName?: string;
  confirmed?: Partial<ReportMeta>;
  /** When set, the outcomes allowed: ReportInputError codes, AppError codes ("app:…"), or "saved". */
  expect?: Outcome | Outcome[];
  /** Large inputs skip the preview (it parses the same bytes again) to keep the test fast. */
  skipPreview?: boolean;
};

function randomBytesCases(n: number): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const len =
      rnd.pick([0, 1, 2, 3, 7, 64, 512, 4096, 65_536]) === 65_536
        ? rnd.int(4096, 70_000)
        : rnd.int(0, 4096);
    const bytes = Buffer.alloc(len);
    const style = rnd.int(0, 3);
    for (let j = 0; j < len; j++) {
      // Uniform bytes; bytes above 0x80 only (legacy-encoding look-alikes); printable ASCII; a mix.
      bytes[j] =
        style === 0
          ? rnd.int(0, 255)
          : style === 1
            ? rnd.int(0x80, 0xff)
            : style === 2
              ? rnd.int(0x20, 0x7e)
              : rnd.next() < 0.7
                ? rnd.int(0xa1, 0xfe)
                : rnd.int(0x0a, 0x7e);
    }
    out.push({ name: `random bytes #${i} (style ${style}, ${len} B)`, bytes });
  }
  return out;
}

function truncationCases(perSample: number): Case[] {
  const out: Case[] = [];
  for (const s of samples) {
    const mids = midCharacterOffsets(s.bytes, s.encoding);
    for (let i = 0; i < perSample; i++) {
      const midChar = i % 2 === 0;
      const cut = midChar ? rnd.pick(mids) : rnd.int(0, s.bytes.length);
      out.push({
        name: `${s.name} cut at ${cut}${midChar ? " (mid-character)" : ""}`,
        bytes: s.bytes.subarray(0, cut),
      });
    }
    // The head cut away in the middle of a character (a download resumed at the wrong place).
    const from = rnd.pick(mids);
    out.push({ name: `${s.name} from ${from} (mid-character)`, bytes: s.bytes.subarray(from) });
  }
  return out;
}

function mutationCases(n: number): Case[] {
  const out: Case[] = [];
  for (let i = 0; i < n; i++) {
    const s = rnd.pick(samples);
    const b = Buffer.from(s.bytes);
    const kind = rnd.pick(["flip", "insert", "delete", "duplicate"] as const);
    let bytes: Buffer = b;
    if (kind === "flip")
      for (let k = rnd.int(1, 20); k > 0; k--) b[rnd.int(0, b.length - 1)] = rnd.int(1, 255);
    else if (kind === "insert") {
      const at = rnd.int(0, b.length);
      const junk = Buffer.from(Array.from({ length: rnd.int(1, 300) }, () => rnd.int(1, 255)));
      bytes = Buffer.concat([b.subarray(0, at), junk, b.subarray(at)]);
    } else if (kind === "delete") {
      const at = rnd.int(0, b.length - 1);
      bytes = Buffer.concat([b.subarray(0, at), b.subarray(at + rnd.int(1, 5000))]);
    } else {
      const at = rnd.int(0, b.length - 1);
      bytes = Buffer.concat([
        b.subarray(0, at),
        b.subarray(at, at + rnd.int(1, 5000)),
        b.subarray(at),
      ]);
    }
    out.push({ name: `${s.name} ${kind} #${i}`, bytes });
  }
  return out;
}

function fixedCases(): Case[] {
  const gb = samples.find((s) => s.encoding === "gb18030")!.bytes;
  const utf8 = rnd.pick(utf8Samples).bytes;
  const big5Chunk = iconv.encode("各位代表：這是一段夾在UTF-8文字中的繁體字。", "big5");
  const gbCut = gb.indexOf(0x0a, Math.floor(gb.length / 2)) + 1;
  const report = readFileSync(path.join(CORPUS, "hailar/hailar_2014.txt"));
  const reportText = report.toString("utf8");
  const big = Buffer.concat([
    report,
    text("\n"),
    readFileSync(path.join(CORPUS, "hailar/hailar_2016.txt")),
    text("\n"),
    readFileSync(path.join(CORPUS, "hailar/hailar_2012.txt")),
  ]);
  const second = readFileSync(path.join(CORPUS, "hailar/hailar_2015.txt"));
  const withNul = (bytes: Buffer, at: number) =>
    Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]);
  const html = (body: string) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府工作报告 - 门户网站</title><style>body{font:14px sans-serif}.nav:before{content:"一、2019年工作回顾"}</style>` +
    `<script>var title = "二、2020年工作安排"; document.write("<p>各位代表：</p>");</script></head><body><div class="nav">首页 | 政务公开 | 政府工作报告</div>${body}` +
    `<script src="/app.js"></script><noscript>请启用脚本</noscript></body></html>`;
  const essay =
    "春天的早晨\n\n清晨，阳光洒在湖面上，微风吹过柳枝。老人们在公园里打太极拳，孩子们追逐着蝴蝶。\n\n" +
    "我沿着小路慢慢走着，想起了小时候在乡下的日子。那时候，家门前有一棵老槐树，每到春天就开满了白色的花。\n\n".repeat(
      20,
    );
  const padded = (fill: number, size: number) => {
    const b = Buffer.alloc(size, fill);
    report.copy(b, 0);
    return b;
  };
  const repeated = (size: number) => {
    const b = Buffer.alloc(size);
    for (let o = 0; o < size;) o += report.copy(b, o);
    return b;
  };
  return [
    // Mixed encodings.
    {
      name: "a GBK half followed by a UTF-8 half",
      bytes: Buffer.concat([
        gb.subarray(0, gbCut),
        utf8.subarray(utf8.indexOf(0x0a, utf8.length >> 1) + 1),
      ]),
    },
    {
      name: "UTF-8 with a stray Big5 chunk",
      bytes: (() => {
        const at = lineStart(utf8);
        return Buffer.concat([utf8.subarray(0, at), big5Chunk, utf8.subarray(at)]);
      })(),
    },
    {
      name: "UTF-8 followed by the same report in GB18030",
      bytes: Buffer.concat([report, iconv.encode(reportText, "gb18030")]),
    },
    {
      name: "Latin-1 text",
      bytes: iconv.encode(
        "Rapport d'activité du gouvernement — café, résumé, naïve.\n".repeat(50),
        "latin1",
      ),
    },
    {
      name: "Windows-1252 quotes around a report",
      bytes: Buffer.concat([Buffer.from([0x93]), report, Buffer.from([0x94])]),
    },
    // UTF-16, with and without byte-order mark.
    {
      name: "UTF-16LE with BOM",
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(reportText, "utf-16le")]),
      expect: "UNSUPPORTED_FORMAT",
    },
    {
      name: "UTF-16BE with BOM",
      bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(reportText, "utf-16be")]),
      expect: "UNSUPPORTED_FORMAT",
    },
    { name: "UTF-16LE without BOM", bytes: iconv.encode(reportText, "utf-16le"), expect: "BINARY" },
    { name: "UTF-16BE without BOM", bytes: iconv.encode(reportText, "utf-16be"), expect: "BINARY" },
    {
      name: "UTF-16LE without BOM, Chinese only",
      bytes: iconv.encode(reportText.replace(/[\x00-\x7f]/g, "").slice(0, 3000), "utf-16le"),
    },
    // NUL bytes, near the start and far past the first 64 KB.
    { name: "a NUL byte at the start", bytes: withNul(report, 0), expect: "BINARY" },
    {
      name: "a NUL byte in the middle",
      bytes: withNul(report, lineStart(report)),
      expect: "BINARY",
    },
    { name: "a NUL byte past 64 KB", bytes: withNul(big, big.length - 100), expect: "BINARY" },
    { name: "a NUL byte as the last byte", bytes: withNul(big, big.length), expect: "BINARY" },
    // HTML and essays that are no report.
    {
      name: "an HTML page with scripts and styles and no report",
      bytes: text(html("<p>欢迎访问本网站。</p><p>联系我们：电话 12345</p>")),
      expect: ["NOT_A_REPORT", "NO_PLAN"],
    },
    {
      name: "an HTML page saved as .html with only navigation",
      bytes: text(html("")),
      fileName: "page.html",
      expect: ["NOT_A_REPORT", "NO_PLAN"],
    },
    {
      name: "an HTML page wrapping a real report",
      bytes: text(
        html(
          reportText
            .split("\n")
            .map((l) => `<p>${l}</p>`)
            .join(""),
        ),
      ),
      fileName: "report.htm",
    },
    { name: "an essay with no review or plan", bytes: text(essay), expect: "NOT_A_REPORT" },
    {
      name: "a speech that names 各位代表 but has no plan",
      bytes: text("各位代表：\n\n" + essay),
      expect: "NO_PLAN",
    },
    {
      name: "only the review of a report",
      bytes: text(reportText.slice(0, reportText.indexOf("二、2014年工作安排"))),
      expect: "NO_PLAN",
    },
    // Empty and whitespace only.
    { name: "empty", bytes: new Uint8Array(0), expect: "EMPTY" },
    { name: "one space", bytes: text(" "), expect: "EMPTY" },
    { name: "newlines and tabs", bytes: text("\r\n\n\t\r\n"), expect: "EMPTY" },
    { name: "full-width spaces", bytes: text("\u3000".repeat(500)), expect: "EMPTY" },
    { name: "a BOM only", bytes: Buffer.from([0xef, 0xbb, 0xbf]), expect: "EMPTY" },
    {
      name: "a BOM and whitespace",
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text(" \n\u3000\ufeff\n")]),
      expect: "EMPTY",
    },
    {
      name: "an HTML page with no text",
      bytes: text("<html><head><script>x()</script></head><body>&nbsp;<br></body></html>"),
      expect: "EMPTY",
    },
    { name: "a GB18030 BOM only", bytes: Buffer.from([0x84, 0x31, 0x95, 0x33]), expect: "EMPTY" },
    // The 20 MB limit: exactly at it (a report padded with spaces, a report repeated and cut in
    // the middle of a character, plain letters) and one byte over.
    {
      name: "exactly 20 MB: a report padded with spaces",
      bytes: padded(0x20, MAX_REPORT_BYTES),
      skipPreview: true,
      expect: "saved",
    },
    // Within 20 MB but past the 400,000 characters (whitespace aside) one report may have.
    {
      name: "exactly 20 MB: a report repeated, cut mid-character",
      bytes: repeated(MAX_REPORT_BYTES),
      skipPreview: true,
      expect: "TOO_LONG",
    },
    {
      name: "exactly 20 MB of letters",
      bytes: Buffer.alloc(MAX_REPORT_BYTES, 0x61),
      skipPreview: true,
      expect: "TOO_LONG",
    },
    {
      name: "20 MB + 1 byte",
      bytes: padded(0x20, MAX_REPORT_BYTES + 1),
      skipPreview: true,
      expect: "TOO_LARGE",
    },
    {
      name: "20 MB + 1 byte of NULs",
      bytes: Buffer.alloc(MAX_REPORT_BYTES + 1),
      skipPreview: true,
      expect: "TOO_LARGE",
    },
    // File names and confirmed metadata a forged request could send.
    {
      name: "a file name with control characters",
      bytes: repeated(report.length + 10),
      fileName: "a\u0000b\u001b[31m\r\n.txt",
    },
    {
      name: "a 1000-character file name",
      bytes: repeated(report.length + 20),
      fileName: "报".repeat(1000) + ".txt",
    },
    {
      name: "a path as file name",
      bytes: repeated(report.length + 30),
      fileName: "../../../etc/passwd",
    },
    {
      name: "a year out of range",
      bytes: repeated(report.length + 40),
      confirmed: { year: 3000 },
      expect: "app:INVALID_INPUT",
    },
    {
      name: "an empty region",
      bytes: repeated(report.length + 50),
      confirmed: { region: "  " },
      expect: "app:INVALID_INPUT",
    },
    {
      name: "an unknown level",
      bytes: repeated(report.length + 60),
      confirmed: { level: "galaxy" as ReportMeta["level"] },
      expect: "app:INVALID_INPUT",
    },
    // The same report twice: the second is a duplicate and writes nothing.
    { name: "a real report", bytes: second, expect: "saved" },
    {
      name: "the same report again, as CRLF",
      bytes: text(second.toString("utf8").replace(/\n/g, "\r\n")),
      expect: "app:DUPLICATE",
    },
  ];
}

const counts = async () => ({
  reports: await db.report.count(),
  sections: await db.section.count(),
  pledges: await db.pledge.count(),
  regions: await db.region.count(),
  auditEvents: await db.auditEvent.count(),
});

const REPORT_INPUT_CODES = new Set([
  "EMPTY",
  "BINARY",
  "PDF",
  "UNSUPPORTED_FORMAT",
  "TOO_LARGE",
  "UNKNOWN_ENCODING",
  "NOT_A_REPORT",
  "NO_PLAN",
  "TOO_LONG",
  "TOO_MANY_PLEDGES",
  "TOO_MANY_SECTIONS",
]);
// An import can be refused for its metadata or as a duplicate; anything else (INTERNAL) is a bug.
const IMPORT_APP_CODES = new Set(["INVALID_INPUT", "DUPLICATE"]);

/** The outcome's name, after checking the error is one of ours with a clear one-line message. */
function outcomeOf(e: unknown, label: string): string {
  if (e instanceof ReportInputError) {
    expect(REPORT_INPUT_CODES.has(e.code), `${label}: code ${e.code}`).toBe(true);
    expect(e.message.length, label).toBeGreaterThan(10);
    expect(e.message, label).not.toMatch(/\n/);
    return e.code;
  }
  if (e instanceof AppError) {
    expect(IMPORT_APP_CODES.has(e.code), `${label}: ${e.code} ${e.message}`).toBe(true);
    return `app:${e.code}`;
  }
  throw new Error(
    `${label}: not a clear refusal but ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
    { cause: e },
  );
}

async function runCase(c: Case, tally: Map<string, number>): Promise<void> {
  const label = `${c.name} [seed ${SEED}]`;
  const fileName = c.fileName ?? "fuzz.txt";
  let previewed: string | null = null;
  if (!c.skipPreview) {
    try {
      await previewImport(c.bytes, fileName);
      previewed = "parsed";
    } catch (e) {
      previewed = outcomeOf(e, `${label} (preview)`);
    }
  }
  const before = await counts();
  let outcome: string;
  try {
    const res = await importReport(null, c.bytes, fileName, c.confirmed);
    outcome = "saved";
    // Saved whole: the report with every pledge the import counted, its sections and its audit event.
    const after = await counts();
    expect(after.reports, label).toBe(before.reports + 1);
    expect(after.pledges, label).toBe(before.pledges + res.pledges);
    expect(await db.pledge.count({ where: { reportId: res.id } }), label).toBe(res.pledges);
    expect(await db.section.count({ where: { reportId: res.id } }), label).toBeGreaterThan(0);
    expect(
      await db.auditEvent.count({ where: { reportId: res.id, action: "report.import" } }),
      label,
    ).toBe(1);
    const saved = await db.report.findUniqueOrThrow({
      where: { id: res.id },
      select: { fileName: true, sourceText: true },
    });
    expect(saved.fileName ?? "", label).not.toMatch(/[\u0000-\u001f\u007f]/);
    expect(saved.sourceText, label).not.toContain("\u0000");
  } catch (e) {
    outcome = outcomeOf(e, label);
    expect(await counts(), `${label}: a refused import wrote nothing`).toEqual(before);
  }
  // The preview refuses exactly what the import refuses for its bytes (metadata and duplicates aside).
  if (previewed !== null && previewed !== "parsed") expect(outcome, label).toBe(previewed);
  if (previewed === "parsed")
    expect(REPORT_INPUT_CODES.has(outcome), `${label}: previewed fine, then ${outcome}`).toBe(
      false,
    );
  if (c.expect) expect([c.expect].flat(), `${label}: ${outcome}`).toContain(outcome);
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
}

describe("import fuzz", () => {
  const groups: [string, () => Case[]][] = [
    ["random bytes", () => randomBytesCases(150)],
    ["truncated real reports", () => truncationCases(4)],
    ["mutated real reports", () => mutationCases(30)],
    ["mixed encodings, UTF-16, NUL, HTML, essays, empty, 20 MB, names", fixedCases],
  ];
  for (const [index, [group, make]] of groups.entries()) {
    it(`${group}: success or a clear refusal, and nothing half-written`, async () => {
      rnd = seededRandom(SEED + index);
      const cases = make();
      const tally = new Map<string, number>();
      for (const c of cases) await runCase(c, tally);
      console.log(
        `${group}: ${cases.length} cases → ${[...tally].map(([k, v]) => `${k} ${v}`).join(", ")}`,
      );
    }, 120_000);
  }
});
