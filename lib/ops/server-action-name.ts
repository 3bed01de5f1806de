/**
 * The name of a server action (its export, e.g. "updatePledgeAction") from the opaque id a
 * client posts in the Next-Action header, for logs. Read once from the build's manifest; null for
 * an id the build does not know (or when there is no build, as in unit tests).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

let names: Map<string, string> | null = null;

function loadNames(): Map<string, string> {
  const map = new Map<string, string>();
  try {
    const file = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8")) as {
      node?: Record<string, { exportedName?: string }>;
    };
    for (const [id, entry] of Object.entries(manifest.node ?? {}))
      if (entry.exportedName) map.set(id, entry.exportedName);
  } catch {
    // No build (unit tests, the CLI): actions are then logged by id.
  }
  return map;
}

export function serverActionName(id: string | null | undefined): string | null {
  if (!id) return null;
  names ??= loadNames();
  return names.get(id) ?? null;
}
