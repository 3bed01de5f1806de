"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useTranslator } from "@/lib/i18n/client";

const PANEL_ID = "app-menu";

/**
 * The header's links, language switch and account, as one set of elements: from `lg` up they sit
 * in the header row as before (the panel is `display: contents`); below `lg` they live in a panel
 * that a menu button opens over the page (no layout shift), closed again by a link, Escape, a
 * click outside or any navigation. One copy in the DOM, so a test id or label is never doubled.
 */
export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const { t } = useTranslator();
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [openedOn, setOpenedOn] = useState(pathname);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // A navigation (link, back button, redirect) closes the menu: adjust during render, not in an effect.
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    }
    function onPointer(e: PointerEvent) {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn-sm ml-auto lg:hidden"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        onClick={() => setOpen((o) => !o)}
        data-testid="header-menu-button"
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 16 16"
          className="h-4 w-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinecap="round"
        >
          {open ? <path d="M4 4l8 8M12 4l-8 8" /> : <path d="M2.5 4h11M2.5 8h11M2.5 12h11" />}
        </svg>
        {t("nav.menu")}
      </button>
      <div
        ref={panel}
        id={PANEL_ID}
        // A link closes the menu even when it points at the page already open (no navigation).
        onClick={(e) => {
          if ((e.target as HTMLElement).closest("a")) setOpen(false);
        }}
        className={`lg:contents ${open ? "max-lg:absolute max-lg:inset-x-0 max-lg:top-full max-lg:flex max-lg:max-h-[calc(100dvh-3rem)] max-lg:flex-col max-lg:gap-1 max-lg:overflow-y-auto max-lg:border-b max-lg:border-stone-200 max-lg:bg-white max-lg:px-4 max-lg:py-3 max-lg:shadow-lg" : "max-lg:hidden"}`}
        data-testid="header-menu"
      >
        {children}
      </div>
    </>
  );
}
