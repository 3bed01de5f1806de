import type { Metadata } from "next";
import { getTranslator } from "@/lib/i18n/locale";
import type { MessageKey } from "@/lib/i18n/messages";

/** A page's `generateMetadata`: its tab title in the reader's language (the layout adds "· 兑现 Duixian"). */
export function pageTitle(key: MessageKey, extra: Metadata = {}): () => Promise<Metadata> {
  return async () => {
    const { t } = await getTranslator();
    return { title: t(key), ...extra };
  };
}
