"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  archiveReportAction,
  deleteReportAction,
  restoreReportAction,
} from "@/lib/reports/actions";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";

/**
 * Admin: archive or restore the report, or delete it. Deleting asks for confirmation first and is
 * refused by the server when anyone has worked on the report (then archive it instead).
 */
export function ReportAdminActions({
  reportId,
  version,
  title,
  archived,
}: {
  reportId: string;
  version: number;
  title: string;
  archived: boolean;
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: true } | ActionError>, then: () => void) =>
    startTransition(async () => {
      const res = await action();
      setError(res.ok ? null : res);
      if (res.ok) then();
    });
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="report-admin-actions">
      {archived ? (
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending}
          onClick={() =>
            run(
              () => restoreReportAction({ reportId }),
              () => router.refresh(),
            )
          }
          data-testid="report-restore"
        >
          {t("regions.report.restore")}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-sm"
          disabled={pending}
          onClick={() =>
            run(
              () => archiveReportAction({ reportId }),
              () => router.refresh(),
            )
          }
          data-testid="report-archive"
        >
          {t("regions.report.archive")}
        </button>
      )}
      {confirming ? (
        <span
          className="flex flex-wrap items-center gap-2 rounded-md border border-red-300 bg-red-50 px-2 py-1 text-red-900"
          role="alertdialog"
          aria-label={t("regions.report.deleteConfirm", { title })}
        >
          {t("regions.report.deleteConfirm", { title })}
          <button
            type="button"
            className="btn btn-sm border-red-600 bg-red-600 text-white hover:bg-red-700"
            disabled={pending}
            onClick={() =>
              run(
                () => deleteReportAction({ reportId, version }),
                () => router.push("/reports"),
              )
            }
            data-testid="report-delete-confirm"
          >
            {t("regions.report.deleteYes")}
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setConfirming(false)}>
            {t("regions.report.deleteNo")}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="btn btn-sm text-red-700"
          onClick={() => setConfirming(true)}
          data-testid="report-delete"
        >
          {t("regions.report.delete")}
        </button>
      )}
      {error ? (
        <p role="alert" className="w-full text-red-700" data-testid="report-admin-error">
          {error.message === "REPORT_HAS_WORK" ? t("regions.report.hasWork") : errorText(error)}
        </p>
      ) : null}
    </div>
  );
}
