/**
 * Runs in the browser before the app's own code (Next's client instrumentation hook).
 *
 * Zod compiles object parsers with `new Function()` when it may, and finds out by trying. Under
 * the Content-Security-Policy of proxy.ts (scripts by nonce, no 'unsafe-eval') the attempt is
 * refused and reported as a violation on every page with a form. Zod reads its settings from
 * globalThis.__zod_globalConfig when its schemas are built, which happens after this file runs:
 * `jitless` makes it parse without compiling, and without trying.
 */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
