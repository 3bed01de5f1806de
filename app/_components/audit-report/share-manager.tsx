"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { AuditScope } from "@/lib/audit-reports/schema";
import type { ShareLinkDto } from "@/lib/shares/schema";
import { createShareLinkAction, revokeShareLinkAction } from "@/lib/shares/actions";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";
import type { ActionError } from "@/lib/app-error";

function shareUrl(token: string): string {
  return `${window.location.origin}/share/${token}`;
}

/**
 * Share links of one audit report: create (optional expiry day, notes shown or not), list with
 * views, expiry and state, copy, revoke. Every action re-checks the session and permission.
 */
export function ShareManager({
  scope,
  subjectId,
  links,
}: {
  scope: AuditScope;
  subjectId: string;
  links: ShareLinkDto[];
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(async () => {
      const res = await createShareLinkAction({
        scope,
        subjectId,
        expiresOn: form.get("expiresOn"),
        showNotes: form.get("showNotes") === "on",
      });
      if (!res.ok) return setError(res);
      setError(null);
      setCreated(res.data.token);
      router.refresh();
    });
  }

  function onRevoke(id: string) {
    if (!window.confirm(t("share.revokeConfirm"))) return;
    startTransition(async () => {
      const res = await revokeShareLinkAction({ id });
      if (!res.ok) return setError(res);
      setError(null);
      router.refresh();
    });
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(shareUrl(token));
      setCopied(token);
    } catch {
      setCopied(null);
    }
  }

  return (
    <section
      className="no-print card mb-5 p-4"
      data-testid="share-manager"
      aria-labelledby="share-heading"
    >
      <h2 id="share-heading" className="text-sm font-semibold text-stone-800">
        {t("share.title")}
      </h2>
      <p className="mt-0.5 text-xs text-stone-500">{t("share.help")}</p>
      <form onSubmit={onCreate} className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label className="label" htmlFor="share-expires">
            {t("share.expiresOn")}
          </label>
          <input
            id="share-expires"
            name="expiresOn"
            type="date"
            className="input"
            data-testid="share-expires"
          />
        </div>
        <label className="flex items-center gap-1.5 pb-1.5 text-sm">
          <input type="checkbox" name="showNotes" data-testid="share-show-notes" />
          {t("share.showNotes")}
        </label>
        <button
          type="submit"
          className="btn btn-primary btn-sm"
          disabled={pending}
          data-testid="share-create"
        >
          {t("share.create")}
        </button>
      </form>
      {error ? (
        <p className="mt-2 text-sm text-red-700" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {created ? (
        <p className="mt-2 text-sm text-green-800" role="status" data-testid="share-created">
          {t("share.created")}{" "}
          <code className="rounded bg-stone-100 px-1 text-xs break-all">{`/share/${created}`}</code>
        </p>
      ) : null}
      {links.length === 0 ? (
        <p className="mt-3 text-xs text-stone-500">{t("share.none")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="table-dense table-stack" data-testid="share-list">
            <thead>
              <tr>
                <th>{t("share.link")}</th>
                <th>{t("share.notes")}</th>
                <th className="text-right">{t("share.views")}</th>
                <th>{t("share.expires")}</th>
                <th>{t("share.createdBy")}</th>
                <th>{t("share.state")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} data-testid="share-row" data-state={l.state} data-token={l.token}>
                  <td data-stack="full">
                    <a
                      href={`/share/${l.token}`}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="font-mono text-xs text-brand-700 hover:underline"
                      data-testid="share-url"
                    >
                      /share/{l.token.slice(0, 8)}…
                    </a>
                    {scope === "region" && l.state === "active" ? (
                      <a
                        href={`/share/${l.token}/badge.svg`}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="ml-2 text-xs text-brand-700 hover:underline"
                        data-testid="share-badge-link"
                        title={t("badge.embedHint")}
                      >
                        {t("badge.embed")}
                      </a>
                    ) : null}
                  </td>
                  <td className="text-xs" data-label={t("share.notes")}>
                    {l.showNotes ? t("share.notesShown") : t("share.notesHidden")}
                  </td>
                  <td
                    className="text-right tabular-nums"
                    data-testid="share-views"
                    data-label={t("share.views")}
                  >
                    {l.viewCount}
                  </td>
                  <td className="text-xs tabular-nums" data-label={t("share.expires")}>
                    {l.expiresAt ? l.expiresAt.slice(0, 10) : t("share.never")}
                  </td>
                  <td className="text-xs" data-label={t("share.createdBy")}>
                    {l.createdBy ?? "—"}{" "}
                    <span className="text-stone-400">{l.createdAt.slice(0, 10)}</span>
                  </td>
                  <td className="text-xs" data-label={t("share.state")}>
                    {t(`share.state.${l.state}`)}
                  </td>
                  <td className="text-right whitespace-nowrap" data-stack="full">
                    {l.state === "active" ? (
                      <>
                        <button
                          type="button"
                          className="btn btn-sm"
                          onClick={() => copy(l.token)}
                          data-testid="share-copy"
                        >
                          {copied === l.token ? t("share.copied") : t("share.copy")}
                        </button>{" "}
                        <button
                          type="button"
                          className="btn btn-sm"
                          disabled={pending}
                          onClick={() => onRevoke(l.id)}
                          data-testid="share-revoke"
                        >
                          {t("share.revoke")}
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
