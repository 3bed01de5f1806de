import "server-only";
import { pingDatabase } from "@/lib/db";

/** The database's answer to a trivial query, in milliseconds; throws when it does not answer (for GET /api/health). */
export function databaseLatencyMs(): Promise<number> {
  return pingDatabase();
}
