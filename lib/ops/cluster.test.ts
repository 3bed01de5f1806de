import { request } from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultWorkerCount, startServerGroup } from "./cluster";

const FIXTURE = path.join(__dirname, "..", "testing", "fixtures", "cluster-worker.mjs");
const PORT = 3241;

function pidOnFreshConnection(): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`http://127.0.0.1:${PORT}/`, { agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve(body));
    });
    req.once("error", reject);
    req.end();
  });
}

describe("defaultWorkerCount", () => {
  it("takes DUIXIAN_WORKERS, else one per core up to 4", () => {
    expect(defaultWorkerCount({ DUIXIAN_WORKERS: "3" })).toBe(3);
    const auto = defaultWorkerCount({});
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(auto).toBeLessThanOrEqual(4);
    for (const bad of ["0", "17", "2.5", "two", "-1"])
      expect(() => defaultWorkerCount({ DUIXIAN_WORKERS: bad })).toThrow(
        /DUIXIAN_WORKERS must be a whole number from 1 to 16/,
      );
  });
});

// One test file, one primary: cluster settings are per process, so the two groups run one after the other.
describe("startServerGroup", () => {
  it("serves one port from every worker, replaces a dead one, and stops them all", async () => {
    const group = startServerGroup({
      workers: 2,
      exec: FIXTURE,
      args: [String(PORT)],
      env: { ...process.env, FIXTURE_MODE: "serve" },
      relay: () => {},
    });
    try {
      // Round-robin over the workers that are listening: once both are, both answer.
      const seen = new Set<string>();
      await expect
        .poll(
          async () => {
            for (let i = 0; i < 4; i++) seen.add(await pidOnFreshConnection().catch(() => ""));
            seen.delete("");
            return seen.size;
          },
          { timeout: 10_000 },
        )
        .toBe(2);
      expect(seen).toEqual(new Set(group.pids().map(String)));

      const [victim] = group.pids();
      process.kill(victim, "SIGKILL");
      await expect
        .poll(() => group.pids().length === 2 && !group.pids().includes(victim), {
          timeout: 10_000,
        })
        .toBe(true);
      await expect
        .poll(async () => pidOnFreshConnection().catch(() => ""), { timeout: 10_000 })
        .not.toBe("");
    } finally {
      group.stop("SIGTERM");
    }
    const done = await group.done;
    expect(done.crashLoop).toBe(false);
    expect(done.codes).toHaveLength(3); // the killed worker and the two stopped (a worker signalled before its handler is set ends by the signal)
    await expect(pidOnFreshConnection()).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);

  it("gives up on a crash loop: workers that die at start are restarted a few times, then the group stops", async () => {
    const group = startServerGroup({
      workers: 1,
      exec: FIXTURE,
      args: [String(PORT)],
      env: { ...process.env, FIXTURE_MODE: "exit" },
      relay: () => {},
    });
    const done = await group.done;
    expect(done.crashLoop).toBe(true);
    expect(done.codes).toEqual([3, 3, 3, 3, 3, 3]);
  }, 30_000);
});
