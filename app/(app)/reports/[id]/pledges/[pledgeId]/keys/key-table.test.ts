import { describe, expect, it } from "vitest";
import {
  availableRows,
  EVIDENCE_PAGE_KEYS,
  placeOf,
  resolveKey,
  type KeyStroke,
  type KeyTarget,
} from "./key-table";

const ALL = { link: true, edit: true };
const VIEWER = { link: false, edit: false };
const stroke = (key: string, extra: Partial<KeyStroke> = {}): KeyStroke => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...extra,
});
const hit = (
  key: string,
  extra: Partial<KeyStroke> = {},
  place: Parameters<typeof resolveKey>[1] = "page",
  abilities = ALL,
  modal: Parameters<typeof resolveKey>[3] = null,
) => {
  const r = resolveKey(stroke(key, extra), place, abilities, modal);
  return r ? [r.row.command, r.arg] : null;
};

/**
 * A stand-in for an event target (the tests run without a DOM): `closest` finds a match when one of
 * the simple selectors the element or an ancestor matches is among the selector's alternatives.
 */
function target(...matches: string[]): KeyTarget {
  return {
    closest: (selector: string) =>
      selector.split(",").some((alt) => matches.includes(alt.trim())) ? {} : null,
  };
}
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';

describe("the evidence page's key table", () => {
  it("maps each key to its command and argument", () => {
    expect(hit("j")).toEqual(["nav", "next"]);
    expect(hit("K")).toEqual(["nav", "prev"]);
    expect(hit("1")).toEqual(["link", 0]);
    expect(hit("9")).toEqual(["link", 8]);
    expect(hit("l")).toEqual(["linkSelection", ""]);
    expect(hit("a")).toEqual(["accept", ""]);
    expect(hit("F")).toEqual(["verdict", "fulfilled"]);
    expect(hit("x")).toEqual(["verdict", "not_assessed"]);
    expect(hit("Enter")).toEqual(["enter", ""]);
    expect(hit("?", { shiftKey: true })).toEqual(["help", ""]);
    expect(hit("Escape")).toEqual(["escape", ""]);
    expect(hit("0")).toBeNull();
    expect(hit("z")).toBeNull();
  });

  it("leaves modifier combos and keys mid-composition alone", () => {
    expect(hit("j", { ctrlKey: true })).toBeNull();
    expect(hit("l", { metaKey: true })).toBeNull();
    expect(hit("f", { altKey: true })).toBeNull();
    expect(hit("f", { isComposing: true })).toBeNull();
    expect(hit("A", { shiftKey: true })).toBeNull(); // A accepts; Shift+A is not a key of the page
  });

  it("ignores keys typed into inputs, textareas, selects and contenteditable; the rationale opts in for Enter and Esc only", () => {
    expect(placeOf(target("input"))).toBeNull();
    expect(placeOf(target("textarea"))).toBeNull();
    expect(placeOf(target("select"))).toBeNull();
    expect(placeOf(target(EDITABLE))).toBeNull();
    expect(placeOf(target("span", EDITABLE))).toBeNull();
    expect(hit("f", {}, null)).toBeNull();
    expect(hit("j", {}, null)).toBeNull();

    expect(placeOf(target('[data-page-keys="field"]', "textarea"))).toBe("field");
    expect(hit("Enter", {}, "field")).toEqual(["enter", ""]);
    expect(hit("Escape", {}, "field")).toEqual(["escape", ""]);
    expect(resolveKey(stroke("Enter", { shiftKey: true }), "field", ALL)?.row.native).toBe(true); // a new line
    expect(hit("f", {}, "field")).toBeNull(); // typing in the rationale stays typing
    expect(hit("j", {}, "field")).toBeNull();
  });

  it("lets a focused button or link keep Enter; letters still work there", () => {
    expect(placeOf(target("button"))).toBe("control");
    expect(placeOf(target("a[href]"))).toBe("control");
    expect(placeOf(target("div"))).toBe("page");
    expect(placeOf(null)).toBe("page");
    expect(hit("Enter", {}, "control")).toBeNull();
    expect(hit("f", {}, "control")).toEqual(["verdict", "fulfilled"]);
  });

  it("neither handles nor lists keys the user may not use", () => {
    expect(hit("1", {}, "page", VIEWER)).toBeNull();
    expect(hit("l", {}, "page", VIEWER)).toBeNull();
    expect(hit("f", {}, "page", VIEWER)).toBeNull();
    expect(hit("a", {}, "page", VIEWER)).toBeNull();
    expect(hit("Enter", {}, "page", VIEWER)).toBeNull();
    expect(hit("j", {}, "page", VIEWER)).toEqual(["nav", "next"]);
    expect(availableRows(VIEWER).map((r) => r.display)).toEqual(["J / K", "Esc", "?"]);
    expect(availableRows({ link: true, edit: false }).map((r) => r.command)).toEqual([
      "nav",
      "link",
      "linkSelection",
      "escape",
      "help",
    ]);
    expect(availableRows(ALL)).toEqual(EVIDENCE_PAGE_KEYS);
  });

  it("while a dialog is open, only its own keys work", () => {
    expect(hit("j", {}, "page", ALL, "leave")).toBeNull();
    expect(hit("f", {}, "control", ALL, "leave")).toBeNull();
    expect(hit("Enter", {}, "page", ALL, "leave")).toBeNull();
    expect(hit("?", {}, "page", ALL, "leave")).toBeNull();
    expect(hit("Escape", {}, "control", ALL, "leave")).toEqual(["escape", ""]);
    expect(hit("?", {}, "control", ALL, "help")).toEqual(["help", ""]);
    expect(hit("1", {}, "page", ALL, "help")).toBeNull();
  });

  it("gives every key one meaning in each place", () => {
    for (const place of ["page", "control", "field"] as const) {
      for (const shift of [false, true]) {
        const seen = new Map<string, string>();
        for (const row of EVIDENCE_PAGE_KEYS) {
          if (!row.places.includes(place) || (row.shift !== undefined && row.shift !== shift))
            continue;
          for (const key of Object.keys(row.keys)) {
            expect(seen.get(key), `${key} in ${place}`).toBeUndefined();
            seen.set(key, row.command);
          }
        }
      }
    }
  });
});
