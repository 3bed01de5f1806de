import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n/locale";

// A not-found file takes static metadata only: both languages.
export const metadata: Metadata = {
  title: "链接不可用 · Link not available",
  robots: { index: false, follow: false },
};

/** What an unknown, revoked or expired share link shows: a clear explanation, not an error. */
export default async function ShareNotFound() {
  const { t } = await getTranslator();
  return (
    <div className="mx-auto max-w-md px-4 py-24 text-center" data-testid="share-unavailable">
      <p className="text-lg font-bold text-brand-700">{t("app.name")}</p>
      <h1 className="mt-4 text-lg font-semibold">{t("shared.unavailable.title")}</h1>
      <p className="mt-2 text-sm text-stone-600">{t("shared.unavailable.body")}</p>
    </div>
  );
}
