import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { ImportWorkbench } from "./import-workbench";

export const metadata = { title: "Import" };

export default async function ImportPage() {
  await requirePagePermission("report:import");
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader
        title={t("import.title")}
        subtitle={t("import.subtitle")}
        actions={<Link href="/reports" className="btn">{t("nav.reports")}</Link>}
      />
      <ImportWorkbench />
    </>
  );
}
