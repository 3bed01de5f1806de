"use client";
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useRouter } from "next/navigation";
import { useTranslator } from "@/lib/i18n/client";
import {
  availableRows,
  placeOf,
  resolveKey,
  type KeyAbilities,
  type KeyCommand,
  type KeyModal,
  type KeyPlace,
  type KeyRow,
} from "./key-table";
import { KeysHelp } from "./keys-help";
import { LeaveDialog } from "./leave-dialog";

/** What a panel does for one command of the key table; `arg` is the row's value for the key pressed. */
export type KeyHandler = (arg: string | number, place: KeyPlace) => void;

/** The commands a panel may handle; the owner itself runs nav, help and Esc, and Shift+Enter is the browser's. */
export type PanelCommand = Exclude<KeyCommand, "nav" | "help" | "escape" | "newline">;
export type KeyHandlers = Partial<Record<PanelCommand, KeyHandler>>;

/** Unsaved work that leaving the pledge would lose, and the way to save it first (resolves true when saved). */
export type LeaveGuard = { dirty: boolean; canSave: boolean; save: () => Promise<boolean> };

type Owner = {
  rows: KeyRow[];
  register: (command: PanelCommand, handler: KeyHandler) => () => void;
  setGuard: (guard: LeaveGuard | null) => void;
  navigate: (href: string) => void;
};

const PageKeysContext = createContext<Owner | null>(null);

/**
 * The one keyboard owner of the evidence page: a single keydown listener that looks the key up in
 * the key table (key-table.ts) and runs what the panels registered for it, the keys help (?), and
 * the guard on leaving: J, K and the prev/next links ask before they drop unsaved assessment edits,
 * and the browser asks before the tab is closed or reloaded with them.
 */
export function PageKeys({
  abilities,
  prevHref,
  nextHref,
  children,
}: {
  abilities: KeyAbilities;
  prevHref: string | null;
  nextHref: string | null;
  children: ReactNode;
}) {
  const router = useRouter();
  const handlers = useRef(new Map<PanelCommand, KeyHandler>());
  const guard = useRef<LeaveGuard | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  // The page the user asked for while edits were unsaved, and whether those edits can be saved as they are.
  const [leaving, setLeaving] = useState<{ href: string; canSave: boolean } | null>(null);
  const modal: KeyModal = leaving ? "leave" : showHelp ? "help" : null;
  const { link, edit } = abilities;
  const rows = useMemo(() => availableRows({ link, edit }), [link, edit]);

  const navigate = useCallback(
    (href: string) => {
      if (guard.current?.dirty) setLeaving({ href, canSave: guard.current.canSave });
      else router.push(href);
    },
    [router],
  );

  // The listener is added once; it reads what changes through this ref.
  const state = useRef({ modal, link, edit, prevHref, nextHref });
  useEffect(() => {
    state.current = { modal, link, edit, prevHref, nextHref };
  });

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const place = placeOf(e.target instanceof Element ? e.target : null);
      const s = state.current;
      const hit = resolveKey(e, place, { link: s.link, edit: s.edit }, s.modal);
      if (!hit || hit.row.native || place === null) return;
      const { command } = hit.row;
      if (command === "help") setShowHelp((v) => !v);
      else if (command === "escape") {
        if (s.modal === "leave") setLeaving(null);
        else if (s.modal === "help") setShowHelp(false);
        else if (place === "field" && e.target instanceof HTMLElement) e.target.blur();
        else return;
      } else if (command === "nav") {
        const href = hit.arg === "next" ? s.nextHref : s.prevHref;
        if (href) navigate(href);
      } else {
        const handler = handlers.current.get(command as PanelCommand);
        if (!handler) return;
        e.preventDefault();
        handler(hit.arg, place);
        return;
      }
      e.preventDefault();
    }
    function onBeforeUnload(e: BeforeUnloadEvent) {
      if (!guard.current?.dirty) return;
      e.preventDefault();
      e.returnValue = ""; // browsers that predate preventDefault() here
    }
    window.addEventListener("keydown", onKey);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [navigate]);

  const owner = useMemo<Owner>(
    () => ({
      rows,
      register(command, handler) {
        handlers.current.set(command, handler);
        return () => {
          if (handlers.current.get(command) === handler) handlers.current.delete(command);
        };
      },
      setGuard(g) {
        guard.current = g;
      },
      navigate,
    }),
    [rows, navigate],
  );

  return (
    <PageKeysContext.Provider value={owner}>
      {children}
      {showHelp && !leaving ? <KeysHelp rows={rows} onClose={() => setShowHelp(false)} /> : null}
      {leaving ? (
        <LeaveDialog
          canSave={leaving.canSave}
          onStay={() => setLeaving(null)}
          onDiscard={() => {
            setLeaving(null);
            router.push(leaving.href);
          }}
          onSave={async () => {
            const saved = (await guard.current?.save()) ?? false;
            setLeaving(null);
            if (saved) router.push(leaving.href);
          }}
        />
      ) : null}
    </PageKeysContext.Provider>
  );
}

/** Registers a panel's handlers with the page's key owner for as long as the panel is mounted; the latest closures always run. */
export function usePageKeys(handlers: KeyHandlers): void {
  const owner = useContext(PageKeysContext);
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  const commands = (Object.keys(handlers) as PanelCommand[])
    .filter((c) => handlers[c])
    .sort()
    .join(" ");
  useEffect(() => {
    if (!owner || !commands) return;
    const off = (commands.split(" ") as PanelCommand[]).map((c) =>
      owner.register(c, (arg, place) => latest.current[c]?.(arg, place)),
    );
    return () => off.forEach((f) => f());
  }, [owner, commands]);
}

/** Tells the owner what leaving the pledge would lose (null: nothing); cleared when the panel unmounts. */
export function useLeaveGuard(guard: LeaveGuard | null): void {
  const owner = useContext(PageKeysContext);
  useEffect(() => {
    owner?.setGuard(guard);
  });
  useEffect(() => () => owner?.setGuard(null), [owner]);
}

/** Goes to another page of the app through the owner, so unsaved edits are asked about first. */
export function usePageNavigation(): (href: string) => void {
  const owner = useContext(PageKeysContext);
  const router = useRouter();
  return owner?.navigate ?? ((href: string) => router.push(href));
}

/** The one-line reminder of the keys this user can use, from the same table as the help. */
export function KeyHint({ className }: { className?: string }) {
  const { t } = useTranslator();
  const rows = useContext(PageKeysContext)?.rows.filter((r) => r.hint) ?? [];
  if (rows.length === 0) return null;
  return (
    <p className={className} data-testid="keys-hint">
      {t("keys.hint.prefix")}
      {rows.map((r) => `${r.display} ${t(r.hint!)}`).join(" · ")}
    </p>
  );
}
