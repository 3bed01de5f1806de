import { pageTitle } from "@/app/_components/page-title";
import Link from "next/link";
import { requirePagePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { findOpenImportJob, getImportJob } from "@/lib/imports/data";
import { ImportWorkbench } from "./import-workbench";

export const generateMetadata = pageTitle("page.import");

export default async function ImportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePagePermission("report:import");
  const { t } = await getTranslator();
  // A batch import survives a reload: the page finds it by ?job= (the person's own only), else their unfinished one.
  const params = await searchParams;
  const asked = typeof params.job === "string" && params.job.length <= 64 ? params.job : null;
  const jobId = asked ?? (await findOpenImportJob(user.id));
  const job = jobId ? await getImportJob(user.id, jobId) : null;
  return (
    <>
      <PageHeader
        title={t("import.title")}
        subtitle={t("import.subtitle")}
        actions={
          <Link href="/reports" className="btn">
            {t("nav.reports")}
          </Link>
        }
      />
      <ImportWorkbench
        initialJob={job}
        initialTab={job || params.tab === "batch" ? "batch" : "upload"}
      />
    </>
  );
}
