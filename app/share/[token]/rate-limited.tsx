import { getTranslator } from "@/lib/i18n/locale";

/** What a client that guessed too many share tokens sees for a link that opens nothing (status 429 via proxy.ts). */
export async function ShareRateLimited({ retryAfterMs }: { retryAfterMs: number }) {
  const { t } = await getTranslator();
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return (
    <div className="mx-auto max-w-md px-4 py-24 text-center" data-testid="share-rate-limited">
      <p className="text-lg font-bold text-brand-700">{t("app.name")}</p>
      <h1 className="mt-4 text-lg font-semibold">{t("shared.rateLimited.title")}</h1>
      <p className="mt-2 text-sm text-stone-600">{t("shared.rateLimited.body", { minutes })}</p>
    </div>
  );
}
