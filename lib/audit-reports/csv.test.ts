import { describe, expect, it } from "vitest";
import { BOM, formatCsvField, streamCsv, writeCsv, type CsvValue } from "./csv";

describe("formatCsvField", () => {
  it("leaves plain text alone, Chinese included", () => {
    expect(formatCsvField("新建改造城市道路20条")).toBe("新建改造城市道路20条");
    expect(formatCsvField(42)).toBe("42");
    expect(formatCsvField(null)).toBe("");
    expect(formatCsvField(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks (RFC 4180), doubling inner quotes", () => {
    expect(formatCsvField("a,b")).toBe('"a,b"');
    expect(formatCsvField('他说"好"')).toBe('"他说""好"""');
    expect(formatCsvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(formatCsvField("x\r\ny")).toBe('"x\r\ny"');
    // A Chinese comma is not a separator.
    expect(formatCsvField("甲，乙")).toBe("甲，乙");
  });
});

describe("formula injection (OWASP): every field a spreadsheet would run is neutralised", () => {
  it("prefixes =, +, -, @, tab and CR with an apostrophe, and still quotes what needs quoting", () => {
    expect(formatCsvField('=HYPERLINK("http://evil.example","点此")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""点此"")"',
    );
    expect(formatCsvField("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(formatCsvField("-2+3")).toBe("'-2+3");
    expect(formatCsvField("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(formatCsvField("\t=1")).toBe("'\t=1");
    expect(formatCsvField("\r=1")).toBe('"\'\r=1"');
  });

  it("leaves numbers, and text with a sign inside, alone", () => {
    expect(formatCsvField(-5)).toBe("-5");
    expect(formatCsvField(6.5)).toBe("6.5");
    expect(formatCsvField("增长6%左右，-号在中间")).toBe("增长6%左右，-号在中间");
    expect(formatCsvField(true)).toBe("true");
  });

  it("a whole document of hostile cells reads back as text", () => {
    const rows = [["=1+1", "+1", "-1", "@x", "ok"]];
    expect(parseCsv(writeCsv(rows, { bom: false }))).toEqual([
      ["'=1+1", "'+1", "'-1", "'@x", "ok"],
    ]);
  });
});

describe("writeCsv", () => {
  it("starts with a UTF-8 BOM and ends every record with CRLF", () => {
    const csv = writeCsv([
      ["承诺", "状态"],
      ["建设“两馆”，完成", "已兑现"],
    ]);
    expect(csv.startsWith(BOM)).toBe(true);
    // Typographic quotes and the Chinese comma need no quoting.
    expect(csv).toBe(`${BOM}承诺,状态\r\n建设“两馆”，完成,已兑现\r\n`);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("round-trips through a strict reader", () => {
    const rows = [["a", 'b "c"', "d,e", "f\ng", "", "中文"]];
    const csv = writeCsv(rows, { bom: false });
    expect(csv).toBe('a,"b ""c""","d,e","f\ng",,中文\r\n');
    expect(parseCsv(csv)).toEqual(rows);
  });
});

/** A strict RFC 4180 reader, for the round trip only. */
describe("streamCsv", () => {
  it("writes exactly what writeCsv writes (BOM, CRLF, quoting, formula escaping), pulling records as it goes", async () => {
    const records: CsvValue[][] = [
      ["a", "b"],
      ["=1+1", "多行\n文本"],
      ['"引号"', -5],
      [null, true],
    ];
    let pulled = 0;
    const stream = streamCsv(
      (async function* () {
        for (const r of records) {
          pulled++;
          yield r;
        }
      })(),
    );
    const bytes = Buffer.from(await new Response(stream).arrayBuffer());
    expect(pulled).toBe(records.length);
    expect(bytes.toString("utf8")).toBe(writeCsv(records));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("stops pulling records when the reader goes away", async () => {
    let pulled = 0;
    let closed = false;
    const stream = streamCsv(
      (async function* () {
        try {
          for (let i = 0; i < 1_000_000; i++) {
            pulled++;
            yield [i, "x".repeat(100)];
          }
        } finally {
          closed = true;
        }
      })(),
    );
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
    expect(pulled).toBeLessThan(10_000);
  });
});

function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      i++;
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      i++;
      continue;
    }
    if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      out.push(row);
      row = [];
      field = "";
      i += 2;
      continue;
    }
    field += c;
    i++;
  }
  return out;
}
