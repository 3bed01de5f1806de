import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where the generated secret is kept when NEXTAUTH_SECRET is not set: the gitignored data folder. */
export const SECRET_FILE = path.resolve(process.env.DUIXIAN_DATA_DIR ?? "data", "auth-secret");

/**
 * The secret that signs session tokens: NEXTAUTH_SECRET if set, otherwise one generated on first
 * start (256 random bits) and stored in data/auth-secret, so restarts keep sessions valid.
 */
export function ensureAuthSecret(): string {
  const fromEnv = process.env.NEXTAUTH_SECRET;
  if (fromEnv) return fromEnv;
  try {
    const stored = readFileSync(SECRET_FILE, "utf8").trim();
    if (stored.length >= 32) return stored;
  } catch {
    // not there yet: create it below
  }
  mkdirSync(path.dirname(SECRET_FILE), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(SECRET_FILE, secret + "\n", { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    // another process won the race: use what it wrote
    return readFileSync(SECRET_FILE, "utf8").trim();
  }
}
