import { databaseLatencyMs } from "@/lib/health/data";
import { logger } from "@/lib/ops/log";

export const dynamic = "force-dynamic";

/** Liveness and database check for load balancers and monitoring: 200 when the database answers, else 503. */
export async function GET(): Promise<Response> {
  try {
    const latencyMs = await databaseLatencyMs();
    return Response.json(
      { status: "ok", database: { status: "ok", latencyMs } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    logger.error("health.database_failed", { err: e });
    return Response.json(
      { status: "error", database: { status: "error" } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
