import { createTranslator, type Locale } from "@/lib/i18n/messages";
import { escapeXml as escapeAttribute } from "@/lib/shares/badge";

/**
 * The region record's badge on its share page, with the code a newsroom puts on its own page (an
 * <img> of /share/TOKEN/badge.svg: it stops working when the link is revoked or expires). The alt
 * text names the region and what the badge is about, not its figures: it stays in the newsroom's
 * page while the badge follows the assessments.
 */
export function BadgeEmbed({
  token,
  locale,
  origin,
  region,
}: {
  token: string;
  locale: Locale;
  origin: string;
  region: string;
}) {
  const t = createTranslator(locale);
  const alt = t("badge.alt", { region });
  const src = `/share/${token}/badge.svg${locale === "en" ? "?lang=en" : ""}`;
  return (
    <section
      className="no-print card mt-5 p-4"
      data-testid="badge-embed"
      aria-labelledby="badge-embed-title"
    >
      <h2 id="badge-embed-title" className="text-sm font-semibold text-stone-800">
        {t("badge.embed")}
      </h2>
      <p className="mt-0.5 mb-2 text-xs text-stone-500">{t("badge.embedHint")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG served by our own route, shown as the newsroom would embed it */}
      <img src={src} alt={alt} data-testid="badge-image" />
      <pre
        className="mt-2 overflow-x-auto rounded bg-stone-100 p-2 text-xs"
        data-testid="badge-code"
      >{`<img src="${origin}${src}" alt="${escapeAttribute(alt)}">`}</pre>
    </section>
  );
}
