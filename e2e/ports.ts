/**
 * The one list of ports used by specs that start servers of their own (`e2e/spawned-server.ts`).
 *
 * Each is E2E_PORT (the suite's web server, default 3100) plus an offset given by its place in the
 * list below, so no two specs can share a port (two did: one spec killed the server another was
 * load-testing), and two suites run with different E2E_PORTs do not collide either.
 * Add a name here rather than writing a port in a spec.
 */
const BASE = Number(process.env.E2E_PORT ?? 3100);

const OWN_SERVERS = [
  "crash",
  "logging",
  "shutdown",
  "deadline",
  "workers",
  "load",
  "paging",
  "lockout",
  "restore",
  "import-restart",
  "corpus",
] as const;

export type OwnServerName = (typeof OWN_SERVERS)[number];

/** The port of the server of spec part `name`: E2E_PORT + 111, + 112, … in the order of the list. */
export function ownServerPort(name: OwnServerName): number {
  return BASE + 111 + OWN_SERVERS.indexOf(name);
}

/** A range of ports for specs that start several servers at once and pick free ones (security-share), after the named ones. */
export const SHARE_SPEC_PORTS = {
  first: BASE + 111 + OWN_SERVERS.length + 10,
  last: BASE + 111 + OWN_SERVERS.length + 19,
} as const;
