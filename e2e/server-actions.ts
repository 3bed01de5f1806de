import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/**
 * Finds the id Next gave a server action at build time, so a test can call the action directly —
 * as an attacker would — instead of only through the UI that hides it.
 */
export function serverActionId(file: string, exportName: string): string {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"),
      "utf8",
    ),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportName && entry.filename?.endsWith(file)) return id;
  }
  throw new Error(`server action ${file}#${exportName} not found in the build manifest`);
}

/** Calls a server action with plain (JSON-encodable) arguments; returns the raw RSC response text. */
export async function callServerAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  args: unknown[],
): Promise<{ status: number; body: string }> {
  const res = await request.post(pagePath, {
    headers: {
      "Next-Action": actionId,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
    },
    data: JSON.stringify(args),
  });
  return { status: res.status(), body: await res.text() };
}

/**
 * Calls a `(prevState, formData)` server action the way React 19 encodes a form submission: the
 * FormData's entries as parts "_1_<name>", then the arguments as JSON in part "0" (last: the
 * server resolves "$K1" as soon as it reads part "0", from the entries that came before it).
 */
export async function callFormServerAction(
  request: APIRequestContext,
  pagePath: string,
  actionId: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const multipart = new FormData();
  for (const [k, v] of Object.entries(fields)) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify(["$undefined", "$K1"]));
  const res = await request.post(pagePath, {
    headers: { "Next-Action": actionId, Accept: "text/x-component" },
    multipart,
  });
  return { status: res.status(), body: await res.text() };
}
