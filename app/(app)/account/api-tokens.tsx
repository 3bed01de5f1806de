"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionError } from "@/lib/app-error";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/api-tokens/actions";
import type { ApiTokenDto } from "@/lib/api-tokens/schema";
import { useTranslator } from "@/lib/i18n/client";
import { isMessageKey } from "@/lib/i18n/messages";
import { useActionErrorText } from "@/app/_components/action-error-text";

/** The account's personal access tokens for the data API: create (shown once), list, revoke. */
export function ApiTokens({ tokens }: { tokens: ApiTokenDto[] }) {
  const { t, locale } = useTranslator();
  const router = useRouter();
  const errorText = useActionErrorText();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const when = (iso: string | null) =>
    iso
      ? new Date(iso).toLocaleString(locale === "zh" ? "zh-CN" : "en-GB", {
          dateStyle: "medium",
          timeStyle: "short",
        })
      : t("tokens.never");
  const describe = (e: ActionError) =>
    e.message && isMessageKey(`tokens.error.${e.message}`)
      ? t(`tokens.error.${e.message}` as "tokens.error.TOO_MANY_TOKENS")
      : errorText(e);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const res = await createApiTokenAction({ name });
    setPending(false);
    if (!res.ok) return setError(res);
    setCreated(res.data.token);
    setName("");
    router.refresh();
  }

  async function revoke(id: string) {
    const res = await revokeApiTokenAction({ id });
    if (!res.ok) setError(res);
    router.refresh();
  }

  return (
    <section className="card space-y-3 p-4 md:col-span-2" data-testid="api-tokens">
      <h2 className="font-semibold">{t("tokens.title")}</h2>
      <p className="text-sm text-stone-600">{t("tokens.intro")}</p>
      <form onSubmit={create} className="flex flex-wrap items-end gap-2">
        <div className="grow">
          <label className="label" htmlFor="token-name">
            {t("tokens.name")}
          </label>
          <input
            className="input"
            id="token-name"
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </div>
        <button className="btn btn-primary" disabled={pending || !name.trim()}>
          {t("tokens.create")}
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {describe(error)}
        </p>
      ) : null}
      {created ? (
        <div
          className="rounded border border-amber-300 bg-amber-50 p-3 text-sm"
          data-testid="api-token-created"
        >
          <p className="mb-1 text-amber-900">{t("tokens.created")}</p>
          <code
            className="block font-mono text-xs break-all select-all"
            data-testid="api-token-value"
          >
            {created}
          </code>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="text-sm text-stone-500">{t("tokens.empty")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-xs text-stone-500">
            <tr>
              <th className="pb-1 font-medium">{t("tokens.col.name")}</th>
              <th className="pb-1 font-medium">{t("tokens.col.prefix")}</th>
              <th className="pb-1 font-medium">{t("tokens.col.created")}</th>
              <th className="pb-1 font-medium">{t("tokens.col.lastUsed")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((tk) => (
              <tr
                key={tk.id}
                className="border-t border-stone-100"
                data-testid="api-token-row"
                data-name={tk.name}
                data-revoked={tk.revokedAt ? "1" : "0"}
              >
                <td className="py-1.5">{tk.name}</td>
                <td className="py-1.5 font-mono text-xs">{tk.prefix}…</td>
                <td className="py-1.5 text-xs">{when(tk.createdAt)}</td>
                <td className="py-1.5 text-xs" data-testid="api-token-last-used">
                  {when(tk.lastUsedAt)}
                </td>
                <td className="py-1.5 text-right">
                  {tk.revokedAt ? (
                    <span className="text-xs text-stone-500">{t("tokens.revoked")}</span>
                  ) : (
                    <button type="button" className="btn btn-sm" onClick={() => void revoke(tk.id)}>
                      {t("tokens.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
