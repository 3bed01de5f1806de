import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Folder dependencies that must stay one-way (issue 16): the app never imports the tools (benches,
 * the load generator); lib/ops (infrastructure: logs, serve, the session secret) never imports
 * lib/auth, which builds on it; and lib/auth (authentication: passwords, lockout, sessions,
 * permissions) never imports lib/users (account management), which builds on it. A second
 * direction is how a cycle starts.
 */
const ROOT = path.join(__dirname, "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|mjs)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

/** The module specifiers a file imports (static, dynamic and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
}

/** `spec` imported from `file`, as a path relative to the root (aliases and relative paths resolved). */
function resolved(file: string, spec: string): string {
  if (spec.startsWith("@/")) return spec.slice(2);
  if (spec.startsWith(".")) return path.relative(ROOT, path.resolve(path.dirname(file), spec));
  return spec;
}

function offenders(fromDirs: string[], forbidden: RegExp): string[] {
  return fromDirs.flatMap((dir) =>
    sourceFiles(path.join(ROOT, dir)).flatMap((file) =>
      importsOf(file)
        .filter((spec) => forbidden.test(resolved(file, spec).split(path.sep).join("/")))
        .map((spec) => `${path.relative(ROOT, file)} imports ${spec}`),
    ),
  );
}

describe("folder dependencies run one way", () => {
  it("nothing of app/ or lib/ imports tools/", () => {
    expect(offenders(["app", "lib"], /^tools\//)).toEqual([]);
  });

  it("lib/ops never imports lib/auth (auth builds on ops)", () => {
    expect(offenders(["lib/ops"], /^lib\/auth\//)).toEqual([]);
  });

  it("lib/auth never imports lib/users (users builds on auth)", () => {
    expect(offenders(["lib/auth"], /^lib\/users\//)).toEqual([]);
  });

  it("finds an import when there is one (the check itself works)", () => {
    expect(offenders(["tools"], /^lib\/ops\//).length).toBeGreaterThan(0);
  });
});
