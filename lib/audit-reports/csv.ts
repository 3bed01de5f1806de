import { Readable, pipeline } from "node:stream";
import { stringify as stringifyStream } from "csv-stringify";
import { stringify, type Options } from "csv-stringify/sync";

/**
 * The one CSV writer of the app (audit exports, the public share export): csv-stringify, set up
 * for Excel and against formula injection.
 * - RFC 4180: fields with a quote, comma, CR or LF are quoted and their quotes doubled; records
 *   end with CRLF; the text starts with a UTF-8 byte order mark so Excel opens Chinese text.
 * - OWASP "CSV injection": a text field that begins with =, +, -, @, a tab or a carriage return
 *   is written with a leading apostrophe, so a spreadsheet shows it instead of running it
 *   (pledge text, rationale and quotes come from imported files and from users). Numbers are
 *   written as numbers (-5 stays -5: a number is not a formula).
 */
export const BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

const OPTIONS: Options = {
  escape_formulas: true,
  record_delimiter: "windows",
  // csv-stringify quotes a field holding the whole record delimiter (CRLF); a lone CR or LF must be quoted too.
  quoted_match: /[\r\n]/,
  cast: { boolean: (b) => (b ? "true" : "false") },
};

/** One field as it appears in a record: neutralised and quoted when it must be. null and undefined are empty. */
export function formatCsvField(value: CsvValue): string {
  return stringify([[value ?? null]], OPTIONS).replace(/\r\n$/, "");
}

/** A whole CSV document: BOM, then each record as fields joined by commas, CRLF after each. */
export function writeCsv(
  records: readonly (readonly CsvValue[])[],
  options: { bom?: boolean } = {},
): string {
  return (
    ((options.bom ?? true) ? BOM : "") +
    stringify(
      records.map((r) => [...r]),
      OPTIONS,
    )
  );
}

/**
 * The same CSV, streamed (the whole-corpus export): records are pulled from `records` only as fast
 * as the client reads, through csv-stringify's stream with the same options, so a file of any
 * length is written in constant memory. A client that goes away stops the pulling (the iterator's
 * `return` runs, so a database cursor behind it is closed).
 */
export function streamCsv(
  records: AsyncIterable<readonly CsvValue[]>,
  options: { bom?: boolean } = {},
): ReadableStream<Uint8Array> {
  const stringifier = stringifyStream({ ...OPTIONS, bom: options.bom ?? true });
  pipeline(Readable.from(records, { objectMode: true, highWaterMark: 64 }), stringifier, () => {
    // Errors end the stream: the reader sees it cut short (a CSV cannot carry an error message).
  });
  return Readable.toWeb(stringifier) as unknown as ReadableStream<Uint8Array>;
}
