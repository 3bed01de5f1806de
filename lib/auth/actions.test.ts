import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One way to build an action (architecture rule 12): every server action exported by a
 * lib/<domain>/actions.ts is built with runGuardedAction (or, for the language cookie only,
 * runPublicAction), so none can skip the session and role check, the NUL refusal, input
 * validation or the action log line. This fails when an action is built another way.
 */
const root = path.resolve(__dirname, "..");

function actionFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return actionFiles(full);
    return entry === "actions.ts" ? [full] : [];
  });
}

/** The exported functions of a file with their bodies (up to the next top-level declaration). */
function exportedFunctions(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/^export async function (\w+)/gm)];
  return starts.map((m, i) => ({
    name: m[1],
    body: source.slice(m.index!, starts[i + 1]?.index ?? source.length),
  }));
}

/** Local helpers that build with the wrapper (e.g. a `run(...)` around runGuardedAction). */
function wrappingHelpers(source: string): string[] {
  return [...source.matchAll(/^(?:async )?function (\w+)[\s\S]*?^}/gm)]
    .filter((m) => /run(Guarded|Public)Action\(/.test(m[0]))
    .map((m) => m[1]);
}

describe("server actions", () => {
  const files = actionFiles(root);

  it("are found (every domain with actions)", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    const rel = path.relative(root, file);
    it(`${rel}: every exported action is built with the one wrapper`, () => {
      const source = readFileSync(file, "utf8");
      expect(source.startsWith('"use server"')).toBe(true);
      const helpers = wrappingHelpers(source);
      const built = (body: string) =>
        /run(Guarded|Public)Action\(/.test(body) ||
        helpers.some((h) => new RegExp(`\\b${h}\\(`).test(body));
      const offenders = exportedFunctions(source)
        .filter((f) => !built(f.body))
        .map((f) => f.name);
      expect(offenders).toEqual([]);
      // Nothing checks the session by hand beside the wrapper.
      expect(source).not.toMatch(/authorizeAction\(|getCurrentUser\(/);
      // The public wrapper is only for what touches nothing but the caller's own browser.
      if (/runPublicAction\(/.test(source)) expect(rel).toBe(path.join("i18n", "actions.ts"));
    });
  }
});
