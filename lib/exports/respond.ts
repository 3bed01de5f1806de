import "server-only";
import { Readable } from "node:stream";
import { streamCsv, type CsvValue } from "@/lib/audit-reports/csv";
import type { ExportSelection } from "@/lib/api/schema";
import { iterateCorpusPledges } from "./data";
import { CORPUS_CSV_HEADER, corpusCsvRecord, corpusExportFileName, corpusJsonLine } from "./format";

/**
 * The streamed response of a whole-corpus export, for the signed-in route and the API alike: CSV
 * (UTF-8 with BOM, through the app's one CSV writer) or JSON Lines, with a file name to save as.
 */
export function corpusExportResponse(origin: string, selection: ExportSelection): Response {
  const { format, ...q } = selection;
  const pledges = iterateCorpusPledges(origin, q);
  let body: ReadableStream<Uint8Array>;
  if (format === "csv") {
    body = streamCsv(
      (async function* (): AsyncGenerator<readonly CsvValue[]> {
        yield CORPUS_CSV_HEADER;
        for await (const p of pledges) yield corpusCsvRecord(p);
      })(),
    );
  } else {
    const lines = (async function* () {
      for await (const p of pledges) yield Buffer.from(corpusJsonLine(p), "utf8");
    })();
    body = Readable.toWeb(
      Readable.from(lines, { objectMode: false }),
    ) as unknown as ReadableStream<Uint8Array>;
  }
  const type = format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  return new Response(body, {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${corpusExportFileName(format)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
