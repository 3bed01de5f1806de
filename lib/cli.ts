/**
 * The command line: the same lib/ code the app runs, usable from a terminal.
 *
 *   npm run --silent cli -- parse FILE
 *   npm run --silent cli -- suggest PLAN_FILE REVIEW_FILE [--top N]
 *   npm run --silent cli -- lineage PLAN_N PLAN_N1 [--top N]
 *   npm run cli -- import FILE... | seed | generate | create-user | serve | check | migrate | retier | backup | restore
 *   npm run --silent cli -- help
 *
 * Exit codes: 0 success, 2 bad input or usage (one line on stderr), 1 unexpected failure.
 */
import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from "node:fs";
import path from "node:path";
import { MAX_REPORT_BYTES } from "./report/decode";
import { ReportInputError } from "./report/errors";

export class UsageError extends Error {}

/**
 * Writes to stdout and resolves once the data has been handed to the OS: when stdout is a pipe,
 * Node writes asynchronously, and exiting earlier would cut long JSON short.
 */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(text, (err) => (err ? reject(err) : resolve())),
  );
}

/** One line on what a re-derivation of tiers did. */
function describeRetier(r: {
  reports: number;
  pledges: number;
  trackable: number;
  direction: number;
  changed: number;
  excluded: number;
}): string {
  return `${r.pledges} pledges of ${r.reports} reports: ${r.trackable} trackable, ${r.direction} direction; ${r.changed} changed tier; ${r.excluded} marked not a pledge (nothing worked on)`;
}

type Command = { usage: string; summary: string; run: (args: string[]) => Promise<void> | void };

const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  ENOTDIR: "no such file",
};

function readError(file: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException).code ?? "";
  return new UsageError(`cannot read ${file}: ${READ_ERRORS[code] ?? (code || String(e))}`);
}

/** Throws a UsageError when `file` cannot be opened for reading or is a directory. */
function checkReadable(file: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
  } catch (e) {
    throw readError(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Reads an input file, at most one byte more than the upload limit (so the decoder refuses it as
 * too large): a huge file, a device such as /dev/zero or an endless pipe never fills the memory.
 */
function readInputFile(file: string | undefined): Uint8Array {
  if (!file) throw new UsageError("missing FILE argument");
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const st = fstatSync(fd);
    if (st.isFile() && st.size > MAX_REPORT_BYTES) {
      throw new ReportInputError(
        "TOO_LARGE",
        `The file is ${(st.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_REPORT_BYTES / 1024 / 1024} MB.`,
      );
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1024 * 1024);
    while (total <= MAX_REPORT_BYTES) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
    }
    if (total > MAX_REPORT_BYTES)
      throw new ReportInputError(
        "TOO_LARGE",
        `The input is more than ${MAX_REPORT_BYTES / 1024 / 1024} MB, the limit.`,
      );
    return Buffer.concat(chunks);
  } catch (e) {
    if (e instanceof ReportInputError) throw e;
    throw readError(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file of a folder or an archive that cannot be imported as it is (a problem of the zip entry). */
class SourceProblem extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The most a .zip given to `cli import` may be (the page takes 20 MB per upload). */
const CLI_MAX_ZIP_BYTES = 200 * 1024 * 1024;

type ImportSource = { label: string; name: string; read: () => Uint8Array };

/** Every file a folder holds, depth first in name order, hidden ones left out. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) =>
      e.isDirectory()
        ? filesUnder(path.join(dir, e.name))
        : e.isFile()
          ? [path.join(dir, e.name)]
          : [],
    );
}

/**
 * What `cli import` imports, in order: each FILE; each file of a DIR; each file of a .zip (read
 * with the page's archive reader and caps, as ARCHIVE.zip:ENTRY). A .zip that cannot be read at all
 * is a usage error (nothing is imported).
 */
async function importSources(positionals: string[]): Promise<ImportSource[]> {
  const { looksLikeZip, readZipArchive, ArchiveError } = await import("./imports/archive");
  const out: ImportSource[] = [];
  for (const p of positionals) {
    const files = statSync(p).isDirectory() ? filesUnder(p) : [p];
    for (const f of files) {
      if (!/\.zip$/i.test(f)) {
        out.push({ label: f, name: path.basename(f), read: () => readInputFile(f) });
        continue;
      }
      if (statSync(f).size > CLI_MAX_ZIP_BYTES)
        throw new UsageError(
          `${f}: the archive is over ${CLI_MAX_ZIP_BYTES / 1024 / 1024} MB; split it`,
        );
      const bytes = readFileSync(f);
      if (!looksLikeZip(bytes)) throw new UsageError(`${f}: not a zip archive`);
      let entries;
      try {
        entries = readZipArchive(bytes);
      } catch (e) {
        if (e instanceof ArchiveError) throw new UsageError(`${f}: ${e.code}: ${e.message}`);
        throw e;
      }
      for (const e of entries) {
        const label = `${f}:${e.name}`;
        out.push({
          label,
          name: path.basename(e.name),
          read: () => {
            if (!e.bytes)
              throw new SourceProblem(
                e.problem ?? "CORRUPT",
                "this entry of the archive cannot be read",
              );
            return e.bytes;
          },
        });
      }
    }
  }
  return out;
}

/** Reads `--name value` options out of an argument list; returns the rest as positionals. */
function parseOptions(
  args: string[],
  known: string[],
): { options: Record<string, string>; positionals: string[] } {
  const options: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split("=", 2);
      if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else positionals.push(a);
  }
  return { options, positionals };
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`invalid port: ${value}`);
  return port;
}

const commands: Record<string, Command> = {
  parse: {
    usage: "parse FILE",
    summary: "decode and parse a report; print its metadata, sections and pledges as JSON",
    async run(args) {
      const { positionals } = parseOptions(args, []);
      if (positionals.length > 1) throw new UsageError(`unexpected argument: ${positionals[1]}`);
      const file = positionals[0];
      const { decodeReport } = await import("./report/decode");
      const { parseReport, toParseJson } = await import("./report/parse-report");
      const decoded = decodeReport(readInputFile(file), file);
      const parsed = parseReport(decoded.text);
      await writeStdout(JSON.stringify(toParseJson(parsed), null, 2) + "\n");
    },
  },
  suggest: {
    usage: "suggest PLAN_FILE REVIEW_FILE [--top N]",
    summary:
      "suggest, for every pledge of PLAN_FILE, the sentences of REVIEW_FILE's review that report on it, and a verdict",
    async run(args) {
      const { options, positionals } = parseOptions(args, ["top"]);
      if (positionals.length !== 2) throw new UsageError("suggest needs PLAN_FILE and REVIEW_FILE");
      const top = options.top === undefined ? 3 : Number(options.top);
      if (!Number.isInteger(top) || top < 1 || top > 50)
        throw new UsageError(`--top must be a whole number from 1 to 50, not ${options.top}`);
      const [planBytes, reviewBytes] = positionals.map(readInputFile);
      const { decodeReport } = await import("./report/decode");
      const { suggestForPair } = await import("./evidence/suggest-for-pair");
      const { toSuggestJson } = await import("./evidence/suggest-for-pledges");
      const plan = decodeReport(planBytes, positionals[0]).text;
      const review = decodeReport(reviewBytes, positionals[1]).text;
      await writeStdout(
        JSON.stringify(toSuggestJson(suggestForPair(plan, review, { top })), null, 2) + "\n",
      );
    },
  },
  lineage: {
    usage: "lineage PLAN_N PLAN_N1 [--top N]",
    summary:
      "for every pledge of PLAN_N1's plan, the pledge of PLAN_N's plan it repeats or continues (or none), with candidates, as JSON",
    async run(args) {
      const { options, positionals } = parseOptions(args, ["top"]);
      if (positionals.length !== 2)
        throw new UsageError("lineage needs PLAN_N and PLAN_N1 (the earlier plan first)");
      const top = options.top === undefined ? 3 : Number(options.top);
      if (!Number.isInteger(top) || top < 1 || top > 50)
        throw new UsageError(`--top must be a whole number from 1 to 50, not ${options.top}`);
      const [earlierBytes, laterBytes] = positionals.map(readInputFile);
      const { decodeReport } = await import("./report/decode");
      const { lineageForPair, toLineageJson } = await import("./evidence/lineage-for-files");
      const earlier = decodeReport(earlierBytes, positionals[0]).text;
      const later = decodeReport(laterBytes, positionals[1]).text;
      await writeStdout(
        JSON.stringify(toLineageJson(lineageForPair(earlier, later, { top })), null, 2) + "\n",
      );
    },
  },
  import: {
    usage: "import FILE|DIR|ZIP... [--region R] [--year N] [--new-region]",
    summary:
      "import reports into the configured database (same checks as the import page); a folder imports its files, a .zip its entries, with a progress bar; --new-region: a region name close to an existing one is a new region",
    async run(args) {
      const newRegion = args.includes("--new-region");
      const { options, positionals } = parseOptions(
        args.filter((a) => a !== "--new-region"),
        ["region", "year"],
      );
      if (!positionals.length) throw new UsageError("import needs at least one FILE, DIR or ZIP");
      const confirmed: { region?: string; year?: number } = {};
      if (options.region !== undefined) confirmed.region = options.region;
      if (options.year !== undefined) {
        const year = Number(options.year);
        if (!Number.isInteger(year))
          throw new UsageError(`--year must be a year, not ${options.year}`);
        confirmed.year = year;
      }
      // A path that is wrong stops the run before anything is saved; a file whose content is
      // refused (too large, not a report, a duplicate…) is named on stderr and the others go on.
      positionals.forEach((p) => {
        try {
          if (statSync(p).isDirectory()) return;
        } catch (e) {
          throw readError(p, e);
        }
        checkReadable(p);
      });
      const { importReport } = await import("./reports/import");
      const { AppError } = await import("./app-error");
      const sources = await importSources(positionals);
      const { formatProgressLine } = await import("./imports/progress-bar");
      // The bar is drawn on stderr only when it is a terminal; redirected, stderr holds only errors.
      const tty = process.stderr.isTTY === true;
      const started = Date.now();
      const draw = (done: number, current: string | null) => {
        if (tty)
          process.stderr.write(
            `\r\x1b[2K${formatProgressLine({ done, total: sources.length, current, elapsedMs: Date.now() - started }, 24)}`,
          );
      };
      const say = (stream: NodeJS.WriteStream, line: string, done: number) => {
        if (tty) process.stderr.write("\r\x1b[2K");
        stream.write(line + "\n");
        draw(done, null);
      };
      let failed = 0;
      let imported = 0;
      for (const [i, src] of sources.entries()) {
        draw(i, src.label);
        try {
          const res = await importReport(null, src.read(), src.name, confirmed, {}, { newRegion });
          imported++;
          say(
            process.stdout,
            `imported ${src.label}: ${res.pledges} pledges (report ${res.id})`,
            i + 1,
          );
        } catch (e) {
          if (
            e instanceof ReportInputError ||
            e instanceof AppError ||
            e instanceof SourceProblem
          ) {
            failed++;
            const detail =
              e instanceof AppError && e.message === "REGION_UNCONFIRMED"
                ? ": the region name is close to an existing region's; pass --region with that region's name, or --new-region"
                : e instanceof AppError && e.code === "INVALID_INPUT"
                  ? ` (${String(e.details?.field ?? "")}: ${e.message}; pass --region/--year)`
                  : `: ${e.message}`;
            say(process.stderr, `error: ${src.label}: ${e.code}${detail}`, i + 1);
          } else throw e;
        }
      }
      if (tty)
        process.stderr.write(
          `\r\x1b[2K${formatProgressLine({ done: sources.length, total: sources.length, current: null, elapsedMs: Date.now() - started }, 24)}  ${imported} imported, ${failed} failed\n`,
        );
      if (failed) process.exitCode = 2;
    },
  },
  migrate: {
    usage: "migrate",
    summary:
      "apply pending migrations to the database DATABASE_URL names (npm start does this too)",
    async run(args) {
      if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
      const { migrateDatabase } = await import("./ops/migrate");
      const { redactDatabaseUrl, resolveDatabaseUrl } = await import("./db-url");
      const url = resolveDatabaseUrl();
      console.log(`${redactDatabaseUrl(url)}: ${(await migrateDatabase(url)).summary}`);
      // The data step of the tier migration: a no-op once done (see retier).
      const { retierPledges } = await import("./pledges/mutations");
      const r = await retierPledges();
      if (r.pledges) console.log(`tiers re-derived: ${describeRetier(r)}`);
      // The data step of the region records migration: a no-op once done.
      const { upgradeLegacyRegions } = await import("./regions/mutations");
      const g = await upgradeLegacyRegions();
      if (g.upgraded || g.merged)
        console.log(
          `regions: ${g.upgraded} made records, ${g.merged} merged, ${g.titles} titles named`,
        );
    },
  },
  retier: {
    usage: "retier [--all]",
    summary:
      "re-derive the tier of pledges carried over from before tiers (migrate and serve do this once); --all: every pledge whose tier no person set",
    async run(args) {
      const all = args.includes("--all");
      const rest = args.filter((a) => a !== "--all");
      if (rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);
      const { retierPledges } = await import("./pledges/mutations");
      console.log(describeRetier(await retierPledges({ all, log: (line) => console.log(line) })));
    },
  },
  check: {
    usage: "check",
    summary:
      "check that every saved report is whole (e.g. after a crash); prints counts and problems as JSON",
    async run(args) {
      if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
      const { checkReportIntegrity } = await import("./reports/data");
      const res = await checkReportIntegrity();
      await writeStdout(JSON.stringify(res, null, 2) + "\n");
      if (res.problems.length) process.exitCode = 1;
    },
  },
  backup: {
    usage: "backup FILE",
    summary: "copy the database to FILE (safe while the app runs; SQLite file or pg_dump archive)",
    async run(args) {
      if (args.length !== 1) throw new UsageError("backup needs exactly one FILE");
      const { backupUrl } = await import("./ops/backup");
      const { resolveDatabaseUrl } = await import("./db-url");
      const res = await backupUrl(resolveDatabaseUrl(), path.resolve(args[0]));
      console.log(`backed up to ${args[0]} (${res.bytes} bytes)`);
    },
  },
  restore: {
    usage: "restore FILE",
    summary: "replace the database with a checked backup, all or nothing (stop the app first)",
    async run(args) {
      if (args.length !== 1) throw new UsageError("restore needs exactly one FILE");
      const { restoreUrl } = await import("./ops/backup");
      const { resolveDatabaseUrl } = await import("./db-url");
      const res = await restoreUrl(resolveDatabaseUrl(), path.resolve(args[0]));
      console.log(`restored ${res.reports} reports and ${res.users} users from ${args[0]}`);
    },
  },
  serve: {
    usage: "serve [--port N] [--host H] [--build auto|always|never] [--workers N]",
    summary:
      "migrate, seed an empty database, build if needed and serve on N processes (default: one per core, at most 4; what `npm start` runs)",
    async run(args) {
      const { options, positionals } = parseOptions(args, ["port", "host", "build", "workers"]);
      if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
      const build = options.build ?? "auto";
      if (build !== "auto" && build !== "always" && build !== "never")
        throw new UsageError(`--build must be auto, always or never`);
      const { serveApp } = await import("./ops/serve");
      const host = options.host;
      if (host !== undefined && !/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host))
        throw new UsageError(`invalid host: ${host}`);
      const { defaultWorkerCount, MAX_WORKERS } = await import("./ops/cluster");
      let workers: number;
      if (options.workers !== undefined) {
        workers = Number(options.workers);
        if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
          throw new UsageError(
            `--workers must be a whole number from 1 to ${MAX_WORKERS}, not ${options.workers}`,
          );
      } else {
        try {
          workers = defaultWorkerCount();
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
      }
      process.exitCode = await serveApp({
        port: parsePort(options.port ?? process.env.PORT, 3000),
        host,
        build,
        workers,
      });
    },
  },
  seed: {
    usage: "seed",
    summary: "create the demo users and import the shipped reports (idempotent)",
    async run(args) {
      if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
      const { seedDatabase } = await import("../seed/seed");
      const s = await seedDatabase((line) => console.log(line));
      console.log(
        `users created: ${s.usersCreated}; reports created: ${s.reportsCreated}, already present: ${s.reportsSkipped}`,
      );
    },
  },
  generate: {
    usage: "generate [--reports N] [--pledges N] [--force]",
    summary:
      "fill an empty database with a large synthetic data set from the corpus (performance tests)",
    async run(args) {
      const force = args.includes("--force");
      const { options, positionals } = parseOptions(
        args.filter((a) => a !== "--force"),
        ["reports", "pledges"],
      );
      if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
      const { GENERATE_LIMITS } = await import("../seed/generate-large");
      const count = (name: "reports" | "pledges", fallback: number) => {
        const v = options[name] === undefined ? fallback : Number(options[name]);
        if (!Number.isInteger(v) || v < 1 || v > GENERATE_LIMITS[name])
          throw new UsageError(
            `--${name} must be a whole number from 1 to ${GENERATE_LIMITS[name]}, not ${options[name]}`,
          );
        return v;
      };
      const target = { reports: count("reports", 200), pledges: count("pledges", 50_000) };
      const { resolveDatabaseUrl } = await import("./db-url");
      const url = resolveDatabaseUrl();
      process.env.DATABASE_URL = url;
      // Like `serve`: a new database file (or PostgreSQL database) is migrated first.
      const { migrateDatabase } = await import("./ops/migrate");
      await migrateDatabase(url);
      const { configureDatabase, db } = await import("./db");
      await configureDatabase();
      const { countDatabase, generateLargeDatabase } = await import("../seed/generate-large");
      const before = await countDatabase();
      // A real database must never fill up with synthetic reports by accident.
      if ((before.users > 0 || before.reports > 0) && !force) {
        throw new UsageError(
          `the database holds ${before.users} users and ${before.reports} reports; generate fills an empty one (point DATABASE_URL at a new database), or pass --force to add synthetic data up to the totals (also resumes an interrupted run)`,
        );
      }
      console.log(
        `generating into ${url.replace(/\/\/[^@/]*@/, "//…@")}: up to ${target.reports} reports and ${target.pledges.toLocaleString("en")} pledges`,
      );
      const s = await generateLargeDatabase({ ...target, log: (line) => console.log(line) });
      await db.$disconnect();
      const t = s.totals;
      console.log(
        `done in ${(s.elapsedMs / 1000).toFixed(1)} s: ${s.reportsCreated} reports created (${s.reportsSkipped} already there); database: ${t.reports} reports, ${t.pledges.toLocaleString("en")} pledges, ` +
          `${t.assessed.toLocaleString("en")} assessed, ${t.submitted.toLocaleString("en")} submitted, ${t.approved.toLocaleString("en")} approved, ${t.returned.toLocaleString("en")} returned, ` +
          `${t.evidence.toLocaleString("en")} evidence links, ${t.assigned.toLocaleString("en")} assigned`,
      );
    },
  },
  "create-user": {
    usage: "create-user EMAIL --name NAME --role ROLE",
    summary: "create a user, or reset one (password from $DUIXIAN_PASSWORD or stdin)",
    async run(args) {
      const { options, positionals } = parseOptions(args, ["name", "role"]);
      if (positionals.length !== 1) throw new UsageError("create-user needs exactly one EMAIL");
      const password = process.env.DUIXIAN_PASSWORD ?? readFileSync(0, "utf8").split(/\r?\n/)[0];
      const { createUserSchema } = await import("./users/schema");
      const parsed = createUserSchema.safeParse({
        email: positionals[0],
        name: options.name ?? positionals[0],
        role: options.role ?? "analyst",
        password,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`invalid ${issue.path.join(".") || "input"}: ${issue.message}`);
      }
      const { upsertUserWithPassword } = await import("./users/mutations");
      const res = await upsertUserWithPassword(parsed.data);
      console.log(
        `${res.created ? "created" : "reset"} ${parsed.data.email} (${parsed.data.role})`,
      );
    },
  },
};

function printHelp(): void {
  const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(34)} ${c.summary}`);
  process.stdout.write(
    `usage: npm run --silent cli -- COMMAND [ARGS]\n\ncommands:\n${lines.join("\n")}\n`,
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    printHelp();
    return name ? 0 : 2;
  }
  const command = commands[name];
  // Commands other than serve print results on stdout: only warnings and errors are logged there.
  if (name !== "serve") process.env.DUIXIAN_LOG_LEVEL ??= "warn";
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (try: help)`);
    await command.run(args);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (
      e instanceof UsageError ||
      e instanceof ReportInputError ||
      (e instanceof Error && e.name === "BackupError")
    ) {
      process.stderr.write(`error: ${e.message.split("\n")[0]}\n`);
      return 2;
    }
    process.stderr.write(
      `unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  // Exit only after everything written so far has drained (see writeStdout).
  process.stdout.write("", () => process.exit(code));
});
