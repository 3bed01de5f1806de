import type { MessageKey } from "@/lib/i18n/messages";

/**
 * The keyboard of the evidence page as data: which key does what, where, for whom. The page's one
 * key owner (page-keys.tsx) dispatches through `resolveKey`, and the keys help and the inline hint
 * are rendered from `availableRows`, so the help lists exactly the keys the owner handles.
 * Pure: no React, no DOM beyond `closest` on the event target.
 */

/** What a key does. The owner runs `nav`, `help` and `escape`; the panels register the others. */
export type KeyCommand =
  "nav" | "link" | "linkSelection" | "accept" | "verdict" | "enter" | "newline" | "escape" | "help";

/**
 * Where the keystroke happened: on the page itself; on a focused button or link (Enter and Space
 * stay theirs); in a field that opts in with data-page-keys="field" (the rationale). Keys typed in
 * any other input, textarea, select or contenteditable are never the owner's.
 */
export type KeyPlace = "page" | "control" | "field";

/** What the signed-in user may do; a row that needs an ability they lack is neither handled nor shown. */
export type KeyAbilities = { link: boolean; edit: boolean };

/** A dialog the owner has open: while it is, only its own keys work. */
export type KeyModal = "help" | "leave" | null;

export type KeyRow = {
  command: KeyCommand;
  /** event.key (letters lower-case, matched in either case) → the argument the handler receives. */
  keys: Readonly<Record<string, string | number>>;
  places: readonly KeyPlace[];
  /** When set, the Shift state the row requires (Enter saves, Shift+Enter is a new line). */
  shift?: boolean;
  needs?: keyof KeyAbilities;
  /** The keys as the help shows them. */
  display: string;
  /** The full description in the keys help. */
  label: MessageKey;
  /** The short description in the inline hint; rows without one appear in the help only. */
  hint?: MessageKey;
  /** Matched and left to the browser (the rationale makes its own new line). */
  native?: true;
};

const digits = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [String(i + 1), i]));

/** Keyboard review: letter → verdict. */
export const VERDICT_KEYS: Readonly<Record<string, string>> = {
  f: "fulfilled",
  p: "partial",
  u: "unfulfilled",
  n: "not_verifiable",
  i: "in_progress",
  x: "not_assessed",
};

/** The evidence page's keys, in the order the help lists them. */
export const EVIDENCE_PAGE_KEYS: readonly KeyRow[] = [
  {
    command: "nav",
    keys: { j: "next", k: "prev" },
    places: ["page", "control"],
    display: "J / K",
    label: "keys.nav",
    hint: "keys.hint.nav",
  },
  {
    command: "link",
    keys: digits,
    places: ["page", "control"],
    needs: "link",
    display: "1 – 9",
    label: "keys.link",
    hint: "keys.hint.link",
  },
  {
    command: "linkSelection",
    keys: { l: "" },
    places: ["page", "control"],
    needs: "link",
    display: "L",
    label: "keys.linkSelection",
    hint: "keys.hint.linkSelection",
  },
  {
    command: "accept",
    keys: { a: "" },
    places: ["page", "control"],
    shift: false,
    needs: "edit",
    display: "A",
    label: "keys.accept",
    hint: "keys.hint.accept",
  },
  {
    command: "verdict",
    keys: VERDICT_KEYS,
    places: ["page", "control"],
    needs: "edit",
    display: "F P U N I X",
    label: "keys.status",
    hint: "keys.hint.status",
  },
  {
    command: "enter",
    keys: { Enter: "" },
    places: ["page", "field"],
    shift: false,
    needs: "edit",
    display: "Enter",
    label: "keys.enter",
    hint: "keys.hint.enter",
  },
  {
    command: "newline",
    keys: { Enter: "" },
    places: ["field"],
    shift: true,
    needs: "edit",
    display: "Shift+Enter",
    label: "keys.newline",
    native: true,
  },
  {
    command: "escape",
    keys: { Escape: "" },
    places: ["page", "control", "field"],
    display: "Esc",
    label: "keys.escape",
  },
  {
    command: "help",
    keys: { "?": "" },
    places: ["page", "control"],
    display: "?",
    label: "keys.help",
    hint: "keys.hint.help",
  },
];

/** The parts of a KeyboardEvent the table reads. */
export type KeyStroke = {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
};

/** An event target as far as placement goes (an Element, or a stand-in in tests). */
export type KeyTarget = { closest(selector: string): unknown } | null;

/** Where a keystroke aimed at `target` happened, or null when it belongs to the field it was typed in. */
export function placeOf(target: KeyTarget): KeyPlace | null {
  if (!target || typeof target.closest !== "function") return "page";
  if (target.closest('[data-page-keys="field"]')) return "field";
  if (target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])'))
    return null;
  if (target.closest("button, a[href], summary, [role=button]")) return "control";
  return "page";
}

/** The rows this user can use: what the help and the hint list. */
export function availableRows(
  abilities: KeyAbilities,
  table: readonly KeyRow[] = EVIDENCE_PAGE_KEYS,
): KeyRow[] {
  return table.filter((row) => !row.needs || abilities[row.needs]);
}

/**
 * The row a keystroke triggers and the argument it carries, or null when the owner leaves the key
 * alone: modifier combos (Ctrl, Cmd, Alt), keys mid-composition (an IME), keys typed into a field
 * that did not opt in, rows the user lacks the ability for, and, while a dialog is open, every key
 * but that dialog's own (Esc; ? for the help).
 */
export function resolveKey(
  stroke: KeyStroke,
  place: KeyPlace | null,
  abilities: KeyAbilities,
  modal: KeyModal = null,
  table: readonly KeyRow[] = EVIDENCE_PAGE_KEYS,
): { row: KeyRow; arg: string | number } | null {
  if (place === null || stroke.ctrlKey || stroke.metaKey || stroke.altKey || stroke.isComposing)
    return null;
  const key = stroke.key.length === 1 ? stroke.key.toLowerCase() : stroke.key;
  for (const row of availableRows(abilities, table)) {
    if (modal && !(row.command === "escape" || (modal === "help" && row.command === "help")))
      continue;
    if (!row.places.includes(place) || !Object.hasOwn(row.keys, key)) continue;
    if (row.shift !== undefined && row.shift !== stroke.shiftKey) continue;
    return { row, arg: row.keys[key] };
  }
  return null;
}
