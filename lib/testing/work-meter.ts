/**
 * Counts the work a synchronous call does, without a clock, so that tests can check how work grows
 * with the input (timing stays out of pass/fail tests). While `measureWork` runs, the string
 * searches (indexOf, lastIndexOf, includes) add the characters they scan and the array methods
 * that take a callback (filter, find, findIndex, some, every, map, forEach, flatMap, reduce) and
 * Array indexOf/includes add the elements they visit. This is the kind of work that made the
 * parser quadratic (a text scanned back from every number, a list filtered once per paragraph);
 * plain loops and regex backtracking are not counted.
 */

type Saved = { target: object; name: string; fn: unknown };

/** Run `fn` and return the work it did (see the file comment) and its result. */
export function measureWork<T>(fn: () => T): { work: number; result: T } {
  let work = 0;
  const saved: Saved[] = [];
  const patch = (
    target: object,
    name: string,
    make: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
  ) => {
    const original = (target as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
    saved.push({ target, name, fn: original });
    Object.defineProperty(target, name, {
      value: make(original),
      writable: true,
      configurable: true,
      enumerable: false,
    });
  };

  const S = String.prototype;
  patch(
    S,
    "indexOf",
    (original) =>
      function (this: string, ...args: unknown[]) {
        const r = original.apply(this, args) as number;
        const from = Math.max(0, Math.min(this.length, Number(args[1] ?? 0) || 0));
        work += (r === -1 ? this.length : r) - from + 1;
        return r;
      },
  );
  patch(
    S,
    "includes",
    (original) =>
      function (this: string, ...args: unknown[]) {
        const r = original.apply(this, args) as boolean;
        const from = Math.max(0, Math.min(this.length, Number(args[1] ?? 0) || 0));
        work += this.length - from + 1; // an upper bound: where it was found is not returned
        return r;
      },
  );
  patch(
    S,
    "lastIndexOf",
    (original) =>
      function (this: string, ...args: unknown[]) {
        const r = original.apply(this, args) as number;
        const from =
          args[1] === undefined
            ? this.length
            : Math.max(0, Math.min(this.length, Number(args[1]) || 0));
        work += from - (r === -1 ? 0 : r) + 1;
        return r;
      },
  );

  const A = Array.prototype;
  for (const name of [
    "filter",
    "find",
    "findIndex",
    "some",
    "every",
    "map",
    "forEach",
    "flatMap",
  ]) {
    patch(
      A,
      name,
      (original) =>
        function (this: unknown[], ...args: unknown[]) {
          const callback = args[0] as (...a: unknown[]) => unknown;
          const counted = function (this: unknown, ...a: unknown[]) {
            work++;
            return callback.apply(this, a);
          };
          return original.apply(this, [counted, ...args.slice(1)]);
        },
    );
  }
  patch(
    A,
    "reduce",
    (original) =>
      function (this: unknown[], ...args: unknown[]) {
        work += this.length;
        return original.apply(this, args);
      },
  );
  for (const name of ["indexOf", "includes"]) {
    patch(
      A,
      name,
      (original) =>
        function (this: unknown[], ...args: unknown[]) {
          const r = original.apply(this, args);
          work += name === "indexOf" && r !== -1 ? (r as number) + 1 : this.length;
          return r;
        },
    );
  }

  try {
    const result = fn();
    return { work, result };
  } finally {
    for (const s of saved.reverse())
      Object.defineProperty(s.target, s.name, {
        value: s.fn,
        writable: true,
        configurable: true,
        enumerable: false,
      });
  }
}

/** How much more work `run(2n)` takes than `run(n)`: about 2 when linear, 4 when quadratic. */
export function workGrowth(
  run: (n: number) => unknown,
  n: number,
): { small: number; large: number; ratio: number } {
  const small = measureWork(() => run(n)).work;
  const large = measureWork(() => run(2 * n)).work;
  return { small, large, ratio: large / small };
}
