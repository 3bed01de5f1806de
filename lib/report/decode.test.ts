import { readFileSync } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeReport, MAX_REPORT_BYTES } from "./decode";
import { ReportInputError } from "./errors";

const corpus = path.resolve(__dirname, "../../seed/reports");
const read = (rel: string) => readFileSync(path.join(corpus, rel));

function refusal(bytes: Uint8Array, fileName?: string): string {
  try {
    decodeReport(bytes, fileName);
  } catch (e) {
    if (e instanceof ReportInputError) {
      expect(e.message).not.toContain("\n");
      return e.code;
    }
    throw e;
  }
  return "ACCEPTED";
}

describe("decodeReport: encodings", () => {
  it("decodes the GB18030 + CRLF Hailar file to the UTF-8 file's text modulo \\r", () => {
    const gb = decodeReport(read("hailar/hailar_2013.gb18030.txt"), "hailar_2013.gb18030.txt");
    const utf8 = decodeReport(read("hailar/hailar_2013.txt"), "hailar_2013.txt");
    expect(gb.encoding).toBe("gb18030");
    expect(utf8.encoding).toBe("utf-8");
    expect(gb.text).toContain("\r\n"); // kept exactly as decoded
    expect(gb.text.replace(/\r/g, "")).toBe(utf8.text);
  });

  it("detects Big5 for traditional text and GBK for simplified text", () => {
    const trad = readFileSync(path.join(corpus, "seeds/002_f43de3d8f036b3c9.txt"), "utf8").slice(
      0,
      3000,
    );
    const big5 = decodeReport(iconv.encode(trad, "big5"));
    expect(big5.encoding).toBe("big5");
    expect(big5.text.slice(0, 20)).toBe(
      iconv.decode(iconv.encode(trad, "big5"), "big5").slice(0, 20),
    );
    const simp = readFileSync(path.join(corpus, "seeds/000_44e32f47c74c41aa.txt"), "utf8").slice(
      300,
      12000,
    );
    const gbk = decodeReport(iconv.encode(simp, "gb18030"));
    expect(gbk.encoding).toBe("gb18030");
    expect(gbk.text).toBe(simp);
  });

  it("strips a UTF-8 BOM and reports it", () => {
    const d = decodeReport(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("一、2019年工作回顾")]),
    );
    expect(d).toEqual({
      text: "一、2019年工作回顾",
      encoding: "utf-8",
      format: "text",
      bomLength: 3,
    });
  });

  it("keeps CRLF in UTF-8 text", () => {
    expect(decodeReport(Buffer.from("各位代表:\r\n现在")).text).toBe("各位代表:\r\n现在");
  });
});

describe("decodeReport: HTML", () => {
  it("extracts readable text from a saved page (by sniffing)", () => {
    const html =
      '<!DOCTYPE html><html><head><title>t</title><script>var a="<p>x</p>";</script><style>p{}</style></head>' +
      "<body><div>一、2019年工作回顾</div><p>完成&nbsp;42部电梯&#x7EF4;&#20462;&amp;改造<br>二、2020年工作安排</p><!-- c --></body></html>";
    const d = decodeReport(Buffer.from(html));
    expect(d.format).toBe("html");
    expect(d.text).toBe("一、2019年工作回顾\n\n完成 42部电梯维修&改造\n二、2020年工作安排");
  });

  it("treats .html files as HTML and honours a GBK meta charset", () => {
    const html =
      '<html><head><meta charset="gbk"></head><body><p>政府工作报告</p><p>各位代表：现在我代表区政府报告工作。</p></body></html>';
    const d = decodeReport(iconv.encode(html, "gbk"), "report.html");
    expect(d.encoding).toBe("gb18030");
    expect(d.format).toBe("html");
    expect(d.text).toBe("政府工作报告\n\n各位代表：现在我代表区政府报告工作。");
  });
});

describe("decodeReport: bad input", () => {
  it("refuses empty and whitespace-only input", () => {
    expect(refusal(new Uint8Array())).toBe("EMPTY");
    expect(refusal(Buffer.from(" \r\n\t\u3000\n"))).toBe("EMPTY");
    expect(refusal(Buffer.from("<html><body> &nbsp; </body></html>"))).toBe("EMPTY");
  });
  it("refuses binary data", () => {
    expect(refusal(Buffer.from([0x41, 0x00, 0x42, 0x43]))).toBe("BINARY");
    const noisy = Buffer.alloc(1000, 0x41);
    for (let i = 0; i < 1000; i += 10) noisy[i] = 0x03;
    expect(refusal(noisy)).toBe("BINARY");
  });
  it("refuses a NUL byte anywhere, also past the sampled head", () => {
    const text = Buffer.alloc(200_000, 0x41);
    text[150_000] = 0;
    expect(refusal(text)).toBe("BINARY");
  });
  it("accepts UTF-8 cut in the middle of its last character, dropping the broken bytes", () => {
    const whole = Buffer.from("各位代表：现在我代表区政府报告工作。");
    for (const cut of [1, 2]) {
      const d = decodeReport(whole.subarray(0, whole.length - 3 - cut));
      expect(d.encoding).toBe("utf-8");
      expect(d.text).toBe("各位代表：现在我代表区政府报告工");
    }
    expect(decodeReport(Buffer.concat([whole, Buffer.from([0xf0, 0x9f, 0x98])])).text).toBe(
      whole.toString("utf8"),
    );
    // A broken sequence elsewhere is still not UTF-8.
    expect(refusal(Buffer.concat([Buffer.from([0xe4, 0xb8]), whole]))).toBe("UNKNOWN_ENCODING");
  });
  it("refuses PDF bytes", () => {
    expect(refusal(Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "latin1"))).toBe("PDF");
  });
  it("refuses ZIP/Office, images and UTF-16", () => {
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe("UNSUPPORTED_FORMAT");
    expect(refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      "UNSUPPORTED_FORMAT",
    );
    expect(refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("UNSUPPORTED_FORMAT");
    expect(refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
      "UNSUPPORTED_FORMAT",
    );
    expect(refusal(Buffer.from([0xff, 0xfe, 0x00, 0x4e]))).toBe("UNSUPPORTED_FORMAT");
  });
  it("refuses more than 20 MB before decoding", () => {
    expect(MAX_REPORT_BYTES).toBe(20 * 1024 * 1024);
    expect(refusal(new Uint8Array(MAX_REPORT_BYTES + 1))).toBe("TOO_LARGE"); // all NULs: size wins
    expect(refusal(Buffer.alloc(1000, 0x41).subarray(0, 10))).toBe("ACCEPTED");
  });
  it("refuses undecodable bytes", () => {
    const junk = Buffer.alloc(4000);
    for (let i = 0; i < junk.length; i++) junk[i] = 0x80 + ((i * 37) % 0x7f);
    expect(refusal(junk)).toBe("UNKNOWN_ENCODING");
  });
});
