/**
 * Reads the files of an uploaded `.zip` for a batch import. Pure (no database, no Next): the import
 * page's upload action and `cli import` both call it.
 *
 * A zip comes from anyone who may import, so it is read defensively:
 * - the central directory is read by hand (names as raw bytes: Windows tools write Chinese names
 *   in GBK without saying so, which is decoded here; sizes and flags as stored), and each entry is
 *   inflated by fflate in small input slices while its output is counted, so a lying size field
 *   or a zip bomb stops at the cap instead of filling the memory;
 * - caps: at most ZIP_MAX_ENTRIES entries, ZIP_MAX_ENTRY_BYTES per file (the upload limit of one
 *   report) and ZIP_MAX_TOTAL_BYTES for all files together; past the total the archive is refused
 *   whole (nothing of it is imported);
 * - names are never used as paths (nothing is written to disk), but a name that climbs out
 *   (`../`), is absolute or holds control characters marks its entry as a problem; folders,
 *   macOS resource forks (`__MACOSX/`) and hidden files (`.DS_Store`) are left out silently;
 * - encrypted entries, methods other than stored/deflate, nested archives and ZIP64 entries are
 *   problems of their entry; the other entries go on.
 */
import { Inflate } from "fflate";
import iconv from "iconv-lite";
import { MAX_REPORT_BYTES } from "@/lib/report/decode";

/** Most entries (files and folders) one archive may list. 31 provinces × 10 years is 310 reports. */
export const ZIP_MAX_ENTRIES = 1_000;
/** Most bytes one file of the archive may inflate to: the upload limit of one report. */
export const ZIP_MAX_ENTRY_BYTES = MAX_REPORT_BYTES;
/** Most bytes all files of one archive may inflate to together (real reports: 30–130 KB each). */
export const ZIP_MAX_TOTAL_BYTES = 100 * 1024 * 1024;
/** Input handed to the inflater at a time: its output per step is at most ~1,032× this. */
const INFLATE_SLICE = 16 * 1024;

export type ArchiveErrorCode = "ZIP_INVALID" | "ZIP_TOO_MANY_FILES" | "ZIP_TOO_LARGE";

/** The archive as a whole cannot be read, or breaks a cap that protects the server: nothing of it is used. */
export class ArchiveError extends Error {
  constructor(
    public readonly code: ArchiveErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ArchiveError";
  }
}

/** Why one entry of an archive is not read (its neighbours are). */
export type EntryProblem =
  | "UNSAFE_NAME"
  | "ENCRYPTED"
  | "UNSUPPORTED_COMPRESSION"
  | "NESTED_ARCHIVE"
  | "TOO_LARGE"
  | "CORRUPT";

export type ArchiveEntry = {
  name: string;
  size: number;
  bytes: Uint8Array | null;
  problem: EntryProblem | null;
};

/** Whether bytes start like a zip archive (a local file header, or the end record of an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/** CRC-32 (IEEE), as zip stores it per entry: a damaged entry inflates to the right length now and then. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) =>
  (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

/** The end-of-central-directory record: searched backwards over the comment (at most 64 KB). */
function findEndRecord(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 5 && zip[i + 3] === 6) return i;
  }
  throw new ArchiveError(
    "ZIP_INVALID",
    "This is not a readable .zip archive (no central directory).",
  );
}

/** A name from its raw bytes: UTF-8 when flagged or valid, else GB18030 (what Chinese Windows writes). */
function decodeName(raw: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder("utf-8").decode(raw);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return iconv.decode(Buffer.from(raw), "gb18030");
  }
}

/** Whether a stored name would climb out of a folder or is not a plain relative name. */
function unsafeName(name: string): boolean {
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(name)) return true;
  const normal = name.replace(/\\/g, "/");
  return (
    normal.startsWith("/") ||
    /^[A-Za-z]:/.test(normal) ||
    normal.split("/").some((part) => part === "..")
  );
}

/** Entries left out without a word: folders, macOS resource forks, hidden files. */
function ignoredName(name: string): boolean {
  const normal = name.replace(/\\/g, "/");
  if (normal.endsWith("/")) return true;
  const parts = normal.split("/");
  return parts[0] === "__MACOSX" || parts.some((p) => p.startsWith("."));
}

/** Inflates `data`, at most `cap` bytes of output; null when the output would exceed the cap. */
function inflateCapped(data: Uint8Array, cap: number): Uint8Array | null {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) over = true;
    else chunks.push(chunk);
  });
  for (let at = 0; at < data.length && !over; at += INFLATE_SLICE) {
    const end = Math.min(data.length, at + INFLATE_SLICE);
    inflater.push(data.subarray(at, end), end === data.length);
  }
  if (over) return null;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

/**
 * The files of a zip archive, in the archive's order, each with its bytes or the problem that
 * kept them out. Throws ArchiveError when the archive cannot be read at all, lists more than
 * ZIP_MAX_ENTRIES entries, or its files inflate to more than ZIP_MAX_TOTAL_BYTES together.
 */
export function readZipArchive(
  zip: Uint8Array,
  caps: { maxEntries?: number; maxEntryBytes?: number; maxTotalBytes?: number } = {},
): ArchiveEntry[] {
  const maxEntries = caps.maxEntries ?? ZIP_MAX_ENTRIES;
  const maxEntryBytes = caps.maxEntryBytes ?? ZIP_MAX_ENTRY_BYTES;
  const maxTotalBytes = caps.maxTotalBytes ?? ZIP_MAX_TOTAL_BYTES;
  const end = findEndRecord(zip);
  const count = u16(zip, end + 10);
  const dirSize = u32(zip, end + 12);
  const dirOffset = u32(zip, end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw new ArchiveError("ZIP_INVALID", "ZIP64 archives are not supported; make a plain .zip.");
  if (count > maxEntries)
    throw new ArchiveError(
      "ZIP_TOO_MANY_FILES",
      `The archive lists ${count} entries; at most ${maxEntries} are read.`,
    );
  if (dirOffset + dirSize > end)
    throw new ArchiveError("ZIP_INVALID", "The archive's central directory is damaged.");

  type Candidate = {
    name: string;
    size: number;
    method: number;
    crc: number;
    compressedSize: number;
    localOffset: number;
  };
  const listed: (ArchiveEntry | Candidate)[] = [];
  let declared = 0;
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || u32(zip, at) !== 0x02014b50)
      throw new ArchiveError("ZIP_INVALID", "The archive's central directory is damaged.");
    const flags = u16(zip, at + 8);
    const method = u16(zip, at + 10);
    const crc = u32(zip, at + 16);
    const compressedSize = u32(zip, at + 20);
    const size = u32(zip, at + 24);
    const nameLength = u16(zip, at + 28);
    const extraLength = u16(zip, at + 30);
    const commentLength = u16(zip, at + 32);
    const localOffset = u32(zip, at + 42);
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    const name = decodeName(rawName, (flags & 0x800) !== 0).slice(0, 300);
    if (!unsafeName(name) && ignoredName(name)) continue;
    const problem: EntryProblem | null = unsafeName(name)
      ? "UNSAFE_NAME"
      : flags & 1
        ? "ENCRYPTED"
        : /\.(zip|rar|7z|gz|tgz|tar)$/i.test(name)
          ? "NESTED_ARCHIVE"
          : compressedSize === 0xffffffff ||
              size === 0xffffffff ||
              localOffset === 0xffffffff ||
              size > maxEntryBytes
            ? "TOO_LARGE"
            : method !== 0 && method !== 8
              ? "UNSUPPORTED_COMPRESSION"
              : null;
    if (problem) listed.push({ name, size, bytes: null, problem });
    else {
      declared += size;
      listed.push({ name, size, method, crc, compressedSize, localOffset });
    }
  }
  // Each entry is inflated to at most its stated size (more is a lie: CORRUPT), so the stated
  // sizes bound what the whole archive can cost before anything is inflated.
  if (declared > maxTotalBytes)
    throw new ArchiveError(
      "ZIP_TOO_LARGE",
      `The archive's files come to more than ${Math.round(maxTotalBytes / 1024 / 1024)} MB; split it.`,
    );
  return listed.map((c) => ("problem" in c ? c : readEntry(zip, c)));
}

/** One listed entry's bytes: inflated to at most its stated size and checked against its CRC. */
function readEntry(
  zip: Uint8Array,
  c: {
    name: string;
    size: number;
    method: number;
    crc: number;
    compressedSize: number;
    localOffset: number;
  },
): ArchiveEntry {
  const corrupt: ArchiveEntry = { name: c.name, size: c.size, bytes: null, problem: "CORRUPT" };
  if (c.localOffset + 30 > zip.length || u32(zip, c.localOffset) !== 0x04034b50) return corrupt;
  const dataStart =
    c.localOffset + 30 + u16(zip, c.localOffset + 26) + u16(zip, c.localOffset + 28);
  if (dataStart + c.compressedSize > zip.length) return corrupt;
  const data = zip.subarray(dataStart, dataStart + c.compressedSize);
  let bytes: Uint8Array | null;
  if (c.method === 0) bytes = data.length === c.size ? data.slice() : null;
  else {
    try {
      bytes = inflateCapped(data, c.size);
    } catch {
      return corrupt;
    }
  }
  if (bytes === null || bytes.length !== c.size || crc32(bytes) !== c.crc) return corrupt;
  return { name: c.name, size: c.size, bytes, problem: null };
}
