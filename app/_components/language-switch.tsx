"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/lib/i18n/actions";
import { useTranslator } from "@/lib/i18n/client";
import { LOCALES, type Locale } from "@/lib/i18n/messages";

const LABELS: Record<Locale, string> = { zh: "中文", en: "English" };

/** 中文 / English toggle; the choice is kept in a cookie and the page re-renders on the server. */
export function LanguageSwitch() {
  const { locale, t } = useTranslator();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <div
      role="group"
      aria-label={t("nav.language")}
      className="inline-flex overflow-hidden rounded-md border border-stone-300 text-xs"
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          disabled={pending}
          aria-pressed={l === locale}
          onClick={() =>
            startTransition(async () => {
              await setLocaleAction(l);
              router.refresh();
            })
          }
          className={`px-2 py-1 ${l === locale ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`}
        >
          {LABELS[l]}
        </button>
      ))}
    </div>
  );
}
