import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { REGION_LEVELS } from "@/lib/reports/schema";
import { ASSESSMENT_STATUSES, PLEDGE_KINDS, REVIEW_STATES } from "@/lib/vocabulary";
import { createTranslator, isMessageKey } from "./messages";
import {
  kindKey,
  kindLabel,
  levelLabel,
  reviewStateKey,
  reviewStateLabel,
  roleKey,
  roleLabel,
  statusKey,
  statusLabel,
} from "./vocabulary";

describe("vocabulary labels", () => {
  it("every status, review state, kind, role and level has its message in both languages", () => {
    const keys = [
      ...ASSESSMENT_STATUSES.map(statusKey),
      ...REVIEW_STATES.map(reviewStateKey),
      ...PLEDGE_KINDS.map(kindKey),
      ...ROLES.map(roleKey),
    ];
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
    for (const locale of ["zh", "en"] as const) {
      const t = createTranslator(locale);
      for (const key of keys) expect(t(key), `${locale} ${key}`).not.toBe(key);
      for (const level of REGION_LEVELS) expect(levelLabel(t, level)).not.toMatch(/^level\./);
    }
  });

  it("labels known values and shows unknown ones as they are", () => {
    const zh = createTranslator("zh");
    const en = createTranslator("en");
    expect(statusLabel(zh, "fulfilled")).toBe("已兑现");
    expect(statusLabel(en, "not_verifiable")).toBe("No evidence / not verifiable");
    expect(reviewStateLabel(zh, "submitted")).toBe("待审核");
    expect(kindLabel(en, "quantitative")).toMatch(/quantitative/i);
    expect(roleLabel(en, "analyst")).toMatch(/analyst/i);
    expect(statusLabel(zh, "teleported")).toBe("teleported");
    expect(roleLabel(zh, "intern")).toBe("intern");
    expect(levelLabel(zh, "galaxy")).toBe(levelLabel(zh, "other"));
  });
});

/** The vocabularies are written out once, in lib/vocabulary.ts: a second list is how two copies drift apart. */
describe("one definition of each vocabulary", () => {
  const ROOT = path.join(__dirname, "..", "..");
  const LISTS = [
    /"not_assessed",\s*"in_progress"/,
    /"fulfilled",\s*"partial",\s*"unfulfilled"/,
    /"draft",\s*"submitted",\s*"approved"/,
    /"quantitative",\s*"project",\s*"policy"/,
  ];
  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((entry) => {
      if (entry === "node_modules" || entry.startsWith(".")) return [];
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [full] : [];
    });
  }
  it("no file of app/, lib/ or tools/ but lib/vocabulary.ts lists statuses, review states or kinds", () => {
    const offenders = ["app", "lib", "tools"]
      .flatMap((d) => sourceFiles(path.join(ROOT, d)))
      .filter((f) => !f.endsWith(path.join("lib", "vocabulary.ts")))
      .filter((f) => LISTS.some((re) => re.test(readFileSync(f, "utf8"))))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
