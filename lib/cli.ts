/**
 * The command line: the same lib/ code the app runs, usable from a terminal.
 *
 *   npm run --silent cli -- parse FILE
 *   npm run --silent cli -- help
 *
 * Exit codes: 0 success, 2 bad input or usage (one line on stderr), 1 unexpected failure.
 */
import { readFileSync } from "node:fs";
import { ReportInputError } from "./report/errors";

export class UsageError extends Error {}

type Command = { usage: string; summary: string; run: (args: string[]) => Promise<void> | void };

function readInputFile(file: string | undefined): Uint8Array {
  if (!file) throw new UsageError("missing FILE argument");
  try {
    return readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** Reads `--name value` options out of an argument list; returns the rest as positionals. */
function parseOptions(args: string[], known: string[]): { options: Record<string, string>; positionals: string[] } {
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
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`invalid port: ${value}`);
  return port;
}

const commands: Record<string, Command> = {
  parse: {
    usage: "parse FILE",
    summary: "decode and parse a report; print its metadata, sections and pledges as JSON",
    async run([file, ...rest]) {
      if (rest.length) throw new UsageError(`unexpected argument: ${rest[0]}`);
      const { decodeReport } = await import("./report/decode");
      const { parseReport, toParseJson } = await import("./report/parse-report");
      const decoded = decodeReport(readInputFile(file), file);
      const parsed = parseReport(decoded.text);
      process.stdout.write(JSON.stringify(toParseJson(parsed), null, 2) + "\n");
    },
  },
  serve: {
    usage: "serve [--port N] [--build auto|always|never]",
    summary: "migrate, seed an empty database, build if needed and serve (what `npm start` runs)",
    async run(args) {
      const { options, positionals } = parseOptions(args, ["port", "build"]);
      if (positionals.length) throw new UsageError(`unexpected argument: ${positionals[0]}`);
      const build = options.build ?? "auto";
      if (build !== "auto" && build !== "always" && build !== "never") throw new UsageError(`--build must be auto, always or never`);
      const { serveApp } = await import("./ops/serve");
      process.exitCode = await serveApp({ port: parsePort(options.port ?? process.env.PORT, 3000), build });
    },
  },
  seed: {
    usage: "seed",
    summary: "create the demo users and import the shipped reports (idempotent)",
    async run(args) {
      if (args.length) throw new UsageError(`unexpected argument: ${args[0]}`);
      const { seedDatabase } = await import("../seed/seed");
      const s = await seedDatabase((line) => console.log(line));
      console.log(`users created: ${s.usersCreated}; reports created: ${s.reportsCreated}, already present: ${s.reportsSkipped}`);
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
      const parsed = createUserSchema.safeParse({ email: positionals[0], name: options.name ?? positionals[0], role: options.role ?? "analyst", password });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`invalid ${issue.path.join(".") || "input"}: ${issue.message}`);
      }
      const { upsertUserWithPassword } = await import("./users/mutations");
      const res = await upsertUserWithPassword(parsed.data);
      console.log(`${res.created ? "created" : "reset"} ${parsed.data.email} (${parsed.data.role})`);
    },
  },
};

function printHelp(): void {
  const lines = Object.values(commands).map((c) => `  ${c.usage.padEnd(34)} ${c.summary}`);
  process.stdout.write(`usage: npm run --silent cli -- COMMAND [ARGS]\n\ncommands:\n${lines.join("\n")}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    printHelp();
    return name ? 0 : 2;
  }
  const command = commands[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}" (try: help)`);
    await command.run(args);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof ReportInputError) {
      process.stderr.write(`error: ${e.message.split("\n")[0]}\n`);
      return 2;
    }
    process.stderr.write(`unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
