"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { liftSignInLockAction } from "@/lib/users/actions";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";
import type { ActionError } from "@/lib/app-error";
import type { ActiveLock } from "@/lib/auth/lockout";

/** The sign-in locks in force, each with a button that lifts it (admin). */
export function SignInLocks({ locks }: { locks: ActiveLock[] }) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);

  function lift(lock: ActiveLock) {
    startTransition(async () => {
      const res = await liftSignInLockAction({ scope: lock.scope, key: lock.key });
      setError(res.ok ? null : res);
      router.refresh();
    });
  }

  return (
    <section
      className="card mt-5 p-4"
      data-testid="sign-in-locks"
      aria-labelledby="sign-in-locks-title"
    >
      <h2 id="sign-in-locks-title" className="text-sm font-semibold">
        {t("admin.locks.title")}
      </h2>
      <p className="mt-1 text-xs text-stone-500">{t("admin.locks.help")}</p>
      {locks.length === 0 ? (
        <p className="mt-3 text-sm text-stone-500">{t("admin.locks.none")}</p>
      ) : (
        <table className="table-dense mt-3">
          <thead>
            <tr>
              <th>{t("admin.locks.what")}</th>
              <th>{t("admin.locks.failures")}</th>
              <th>{t("admin.locks.until")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {locks.map((lock) => (
              <tr key={`${lock.scope}:${lock.key}`} data-testid={`lock-${lock.scope}-${lock.key}`}>
                <td>
                  <span className="badge mr-2 bg-amber-100 text-amber-800">
                    {t(
                      lock.scope === "address"
                        ? "admin.locks.address"
                        : lock.everywhere
                          ? "admin.locks.accountEverywhere"
                          : "admin.locks.account",
                    )}
                  </span>
                  <span className="break-all">{lock.key}</span>
                </td>
                <td className="tabular-nums">
                  {lock.scope === "account"
                    ? t("admin.locks.failuresFrom", { n: lock.failures, addresses: lock.addresses })
                    : lock.failures}
                </td>
                <td className="whitespace-nowrap tabular-nums">
                  {t("admin.locks.minutes", { n: Math.ceil(lock.retryAfterMs / 60_000) })}
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-sm"
                    disabled={pending}
                    onClick={() => lift(lock)}
                  >
                    {t("admin.locks.lift")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {errorText(error)}
        </p>
      ) : null}
    </section>
  );
}
