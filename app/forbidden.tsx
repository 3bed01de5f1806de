import Link from "next/link";
import { getTranslator } from "@/lib/i18n/locale";

export default async function Forbidden() {
  const { t } = await getTranslator();
  return (
    <div className="mx-auto max-w-md px-4 py-24 text-center">
      <p className="text-5xl font-bold text-stone-300">403</p>
      <h1 className="mt-2 text-lg font-semibold">{t("forbidden.title")}</h1>
      <p className="mt-1 text-sm text-stone-500">{t("forbidden.body")}</p>
      <Link href="/" className="btn mt-6">
        {t("forbidden.back")}
      </Link>
    </div>
  );
}
