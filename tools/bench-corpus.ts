/**
 * `npm run bench:corpus -- import [--reports 200]` and `npm run bench:corpus -- export`: the
 * corpus-scale figures of issue 19 (benchmarks, not tests: nothing here passes or fails on time).
 *
 * import: a batch of N reports (copies of the real corpus, each with one line of its own at the
 *   end) zipped and put through the batch import as the page does — upload into a job, read every
 *   file, import every file, one transaction each — on a new SQLite database in a temporary folder
 *   (or DATABASE_URL when --here is given, which must not hold these copies yet). Prints the time
 *   to read and to import, per report, and the process's peak RSS.
 * export: the whole-corpus export of DATABASE_URL (the large database: `npm run cli -- generate`)
 *   as CSV and as JSON Lines, each in a child process that reads the stream to the end, sampling its
 *   RSS; a selection of a tenth of the reports is exported too, to show that memory does not grow
 *   with the number of pledges. Prints rows, bytes, time and peak RSS.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.join(__dirname, "..");
const CORPUS = process.env.DUIXIAN_CORPUS_DIR ?? path.join(ROOT, "..", "shared", "corpus", "wild");

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** N distinct reports from the wild corpus and the Hailar series: real texts, each copy marked at its end. */
function batchFiles(n: number): Record<string, Uint8Array> {
  const sources = [
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => path.join(CORPUS, f)),
    ...[2012, 2013, 2014, 2015, 2016].map((y) =>
      path.join(ROOT, "seed", "reports", "hailar", `hailar_${y}.txt`),
    ),
  ];
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < n; i++) {
    const src = sources[i % sources.length];
    const copy = Math.floor(i / sources.length);
    files[`batch/${String(i).padStart(3, "0")}-${path.basename(src)}`] = Buffer.concat([
      readFileSync(src),
      Buffer.from(`\n【批量导入基准】副本 ${copy}\n`, "utf8"),
    ]);
  }
  return files;
}

async function benchImport(args: string[]): Promise<void> {
  const n = Number(args[args.indexOf("--reports") + 1]) || 200;
  let temp: string | null = null;
  if (!args.includes("--here")) {
    temp = mkdtempSync(path.join(tmpdir(), "duixian-bench-corpus-"));
    process.env.DATABASE_URL = `file:${path.join(temp, "app.db")}`;
  }
  process.env.DUIXIAN_LOG_LEVEL ??= "warn";
  const { migrateDatabase } = await import("@/lib/ops/migrate");
  const { resolveDatabaseUrl } = await import("@/lib/db-url");
  await migrateDatabase(resolveDatabaseUrl());
  const { configureDatabase, db } = await import("@/lib/db");
  await configureDatabase();
  const { zipSync } = await import("fflate");
  const { addImportFiles, claimImportJob, runImportJobStep, startImportJob } =
    await import("@/lib/imports/mutations");
  const { getImportJob } = await import("@/lib/imports/data");

  const files = batchFiles(n);
  const zip = zipSync(files);
  const raw = Object.values(files).reduce((s, f) => s + f.length, 0);
  const user = await db.user.create({
    data: {
      email: `bench-${Date.now()}@duixian.test`,
      name: "bench",
      passwordHash: "x",
      role: "analyst",
    },
  });
  console.log(
    `batch import: ${n} reports, ${mb(raw)} MB of text, a ${mb(zip.length)} MB zip, into ${resolveDatabaseUrl().replace(/\/\/[^@/]*@/, "//…@")}`,
  );

  const work = async (jobId: string) => {
    if ((await claimImportJob("bench", jobId)) !== jobId)
      throw new Error("could not claim the job");
    while ((await runImportJobStep("bench", jobId)) === "continue");
  };
  const t0 = performance.now();
  const { jobId } = await addImportFiles(user.id, null, [{ name: "bench.zip", bytes: zip }]);
  const t1 = performance.now();
  await work(jobId);
  const t2 = performance.now();
  const checked = (await getImportJob(user.id, jobId))!;
  await startImportJob(user.id, { jobId });
  await work(jobId);
  const t3 = performance.now();
  const done = (await getImportJob(user.id, jobId))!;
  const pledges = done.files.reduce(
    (s, f) => s + (f.state === "imported" ? (f.pledges ?? 0) : 0),
    0,
  );
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    [
      `  upload (unzip ${n} files into the job): ${secs(t1 - t0)}`,
      `  read (decode, parse, match, duplicates): ${secs(t2 - t1)} — ${Math.round((t2 - t1) / n)} ms a report; ${checked.counts.ready} ready, ${checked.counts.problem} with problems`,
      `  import (one transaction each): ${secs(t3 - t2)} — ${Math.round((t3 - t2) / n)} ms a report; ${done.counts.imported} imported (${pledges.toLocaleString("en")} pledges), ${done.counts.failed} failed, ${done.counts.skipped} skipped`,
      `  total ${secs(t3 - t0)}; peak RSS ${peakRssMb()} MB`,
    ].join("\n"),
  );
  await db.$disconnect();
  if (temp) rmSync(temp, { recursive: true, force: true });
}

type ExportRun = {
  format: string;
  reports: number;
  rows: number;
  bytes: number;
  ms: number;
  peakRssMb: number;
  rssMb: number[];
  heapMb: number[];
};

/** In a child process: one export read to the end, RSS sampled every 50 ms. */
async function exportChild(format: "csv" | "jsonl", share: number): Promise<void> {
  process.env.DUIXIAN_LOG_LEVEL ??= "warn";
  const { db } = await import("@/lib/db");
  const { corpusExportResponse } = await import("@/lib/exports/respond");
  // Regions, in id order, until they hold the share of the pledges asked for (all: no filter).
  const perRegion = await db.report.findMany({
    select: { regionId: true, _count: { select: { pledges: true } } },
  });
  const totals = new Map<string, number>();
  for (const r of perRegion)
    totals.set(r.regionId, (totals.get(r.regionId) ?? 0) + r._count.pledges);
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  let chosen: string[] | undefined;
  if (share < 1) {
    chosen = [];
    let sum = 0;
    for (const [id, count] of [...totals.entries()].sort()) {
      if (sum >= all * share) break;
      chosen.push(id);
      sum += count;
    }
  }
  const reports = perRegion.filter((r) => !chosen || chosen.includes(r.regionId)).length;
  const samples: number[] = [];
  const heap: number[] = [];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    samples.push(Math.round(m.rss / 1024 / 1024));
    heap.push(Math.round(m.heapUsed / 1024 / 1024));
  }, 50);
  const t0 = performance.now();
  const res = corpusExportResponse("http://localhost:3000", { format, region: chosen });
  const reader = res.body!.getReader();
  let bytes = 0;
  let newlines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = 0; i < value.length; i++) if (value[i] === 10) newlines++;
  }
  clearInterval(timer);
  const run: ExportRun = {
    format,
    reports,
    rows: format === "csv" ? newlines - 1 : newlines,
    bytes,
    ms: Math.round(performance.now() - t0),
    peakRssMb: peakRssMb(),
    rssMb: samples,
    heapMb: heap,
  };
  await db.$disconnect();
  process.stdout.write(JSON.stringify(run) + "\n");
}

/** The heap limit of the export's child process (MB). */
const HEAP_CAP_MB = 64;

function runChild(args: string[]): Promise<ExportRun> {
  return new Promise((resolve, reject) => {
    // The heap is capped well below the size of the export (56 MB of JSON Lines, and the pledges'
    // objects are several times that): an export that held its rows would run out of memory.
    const child = spawn(
      process.execPath,
      [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MB}`, __filename, ...args],
      { env: process.env, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()!) as ExportRun)
        : reject(new Error(`export child exited ${code}`)),
    );
  });
}

async function benchExport(): Promise<void> {
  console.log(
    `whole-corpus export of DATABASE_URL, each run in a fresh process with its heap capped at ${HEAP_CAP_MB} MB (RSS and heap sampled every 50 ms):`,
  );
  for (const format of ["csv", "jsonl"]) {
    for (const share of ["0.1", "0.5", "1"]) {
      const r = await runChild(["export-child", format, share]);
      const rss = r.rssMb.length
        ? `RSS ${Math.min(...r.rssMb)}–${Math.max(...r.rssMb)} MB, heap ${Math.min(...r.heapMb)}–${Math.max(...r.heapMb)} MB while streaming`
        : "";
      console.log(
        `  ${format.padEnd(5)} ${(share === "1" ? "everything" : `${Number(share) * 100}% of it`).padEnd(10)}: ${r.rows.toLocaleString("en").padStart(7)} pledges, ${mb(r.bytes)} MB in ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.rows / (r.ms / 1000)).toLocaleString("en")} a second); peak RSS ${r.peakRssMb} MB; ${rss}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === "import") return benchImport(args);
  if (command === "export") return benchExport();
  if (command === "export-child") return exportChild(args[0] as "csv" | "jsonl", Number(args[1]));
  process.stderr.write("usage: npm run bench:corpus -- import [--reports N] [--here] | export\n");
  process.exitCode = 2;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
