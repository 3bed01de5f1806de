/**
 * Seeded pseudo-random numbers (mulberry32: small and well known), so a run can be repeated: the
 * same seed gives the same fuzz cases, the same generated database and the same load mix on every
 * machine and engine.
 */

/** A float in [0, 1) per call, from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SeededRandom = {
  /** A float in [0, 1). */
  next: () => number;
  /** A whole number from lo to hi, both included. */
  int: (lo: number, hi: number) => number;
  pick: <T>(xs: readonly T[]) => T;
  bytes: (n: number) => Buffer;
};

export function seededRandom(seed: number): SeededRandom {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (xs) => xs[int(0, xs.length - 1)],
    bytes: (n) => Buffer.from(Array.from({ length: n }, () => int(0, 255))),
  };
}

/** The seed of a fuzz test: DUIXIAN_FUZZ_SEED when set, else the test's fixed default. */
export function fuzzSeed(fallback: number): number {
  const fromEnv = Number(process.env.DUIXIAN_FUZZ_SEED);
  return Number.isInteger(fromEnv) && process.env.DUIXIAN_FUZZ_SEED !== "" ? fromEnv : fallback;
}
