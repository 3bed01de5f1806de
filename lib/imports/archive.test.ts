import { readFileSync } from "node:fs";
import path from "node:path";
import { zipSync, strToU8 } from "fflate";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { ArchiveError, looksLikeZip, readZipArchive } from "./archive";

const report = readFileSync(
  path.join(__dirname, "..", "..", "seed", "reports", "hailar", "hailar_2014.txt"),
);

/** Replaces every occurrence of `from` (name bytes in the local and central headers) with `to` of the same length. */
function patchBytes(zip: Uint8Array, from: Uint8Array, to: Uint8Array): Uint8Array {
  expect(from.length).toBe(to.length);
  const out = zip.slice();
  for (let i = 0; i + from.length <= out.length; i++) {
    if (from.every((b, k) => out[i + k] === b)) out.set(to, i);
  }
  return out;
}

/** Offset of the central directory record of the first entry. */
function centralRecord(zip: Uint8Array): number {
  for (let i = 0; i < zip.length - 4; i++)
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2) return i;
  throw new Error("no central record");
}

describe("readZipArchive", () => {
  it("reads the files of a zip, deflated or stored, in order, and leaves out folders and macOS forks", () => {
    const zip = zipSync({
      "河北/hebei_2009.txt": report,
      "河北/": new Uint8Array(0),
      "stored.txt": [strToU8("政府工作报告"), { level: 0 }],
      "__MACOSX/河北/._hebei_2009.txt": strToU8("fork"),
      ".DS_Store": strToU8("x"),
    });
    expect(looksLikeZip(zip)).toBe(true);
    expect(looksLikeZip(report)).toBe(false);
    const entries = readZipArchive(zip);
    expect(entries.map((e) => [e.name, e.problem])).toEqual([
      ["河北/hebei_2009.txt", null],
      ["stored.txt", null],
    ]);
    expect(Buffer.from(entries[0].bytes!).equals(report)).toBe(true);
    expect(new TextDecoder().decode(entries[1].bytes!)).toBe("政府工作报告");
  });

  it("decodes names that Chinese Windows tools write in GBK without the UTF-8 flag", () => {
    const gbk = iconv.encode("河北2009.txt", "gbk");
    const placeholder = strToU8("A".repeat(gbk.length - 8) + "2009.txt");
    const zip = patchBytes(
      zipSync({ [new TextDecoder().decode(placeholder)]: report }),
      placeholder,
      gbk,
    );
    expect(readZipArchive(zip).map((e) => e.name)).toEqual(["河北2009.txt"]);
  });

  it("marks entries whose names climb out, nested archives and encrypted entries as problems; the others are read", () => {
    const zip = zipSync({
      "../../etc/passwd": strToU8("root"),
      "/abs.txt": strToU8("x"),
      "inner.zip": zipSync({ "a.txt": strToU8("a") }),
      "ok.txt": strToU8("好"),
    });
    const encrypted = zipSync({ "secret.txt": strToU8("secret") });
    const flags = centralRecord(encrypted) + 8;
    encrypted[flags] |= 1;
    expect(readZipArchive(zip).map((e) => [e.name, e.problem])).toEqual([
      ["../../etc/passwd", "UNSAFE_NAME"],
      ["/abs.txt", "UNSAFE_NAME"],
      ["inner.zip", "NESTED_ARCHIVE"],
      ["ok.txt", null],
    ]);
    expect(readZipArchive(encrypted)[0].problem).toBe("ENCRYPTED");
  });

  it("stops a zip bomb: an entry that inflates past its stated size is corrupt, and is never inflated further", () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const zip = zipSync({ "bomb.txt": zeros, "ok.txt": strToU8("好") });
    expect(zip.length).toBeLessThan(100_000);
    // The central directory claims 1 KB: inflating stops right after it.
    const record = centralRecord(zip);
    new DataView(zip.buffer, zip.byteOffset).setUint32(record + 24, 1024, true);
    const entries = readZipArchive(zip);
    expect(entries.map((e) => [e.name, e.problem])).toEqual([
      ["bomb.txt", "CORRUPT"],
      ["ok.txt", null],
    ]);
  });

  it("refuses files over the per-file cap, and archives over the total cap or with too many entries, before inflating", () => {
    const zip = zipSync({ "a.txt": new Uint8Array(3000), "b.txt": new Uint8Array(3000) });
    expect(readZipArchive(zip, { maxEntryBytes: 2000 }).map((e) => e.problem)).toEqual([
      "TOO_LARGE",
      "TOO_LARGE",
    ]);
    expect(() => readZipArchive(zip, { maxTotalBytes: 5000 })).toThrow(
      expect.objectContaining({ code: "ZIP_TOO_LARGE" }),
    );
    expect(() => readZipArchive(zip, { maxEntries: 1 })).toThrow(
      expect.objectContaining({ code: "ZIP_TOO_MANY_FILES" }),
    );
  });

  it("marks an entry whose data was damaged (CRC) as corrupt, and refuses what is not a zip", () => {
    const zip = zipSync({ "a.txt": [report, { level: 0 }] });
    const damaged = zip.slice();
    damaged[200] ^= 0xff; // inside the stored data of a.txt
    expect(readZipArchive(damaged)[0].problem).toBe("CORRUPT");
    expect(() => readZipArchive(report)).toThrow(ArchiveError);
    expect(() => readZipArchive(zip.subarray(0, zip.length - 30))).toThrow(ArchiveError);
  });
});
