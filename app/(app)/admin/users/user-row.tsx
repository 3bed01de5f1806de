"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { updateUserAction } from "@/lib/users/actions";
import { useTranslator } from "@/lib/i18n/client";
import { ROLES } from "@/lib/auth/permissions";
import type { UserDto } from "@/lib/users/schema";
import { useActionErrorText } from "@/app/_components/action-error-text";
import type { ActionError } from "@/lib/app-error";

export function UserRow({ user, isSelf }: { user: UserDto; isSelf: boolean }) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionError | null>(null);

  function save(change: { role?: string; disabled?: boolean }) {
    startTransition(async () => {
      const res = await updateUserAction({ userId: user.id, ...change });
      setError(res.ok ? null : res);
      router.refresh();
    });
  }

  return (
    <tr
      data-testid={`user-row-${user.email}`}
      className={user.disabled ? "text-stone-400" : undefined}
    >
      <td className="font-medium">
        {user.name}
        {isSelf ? t("admin.users.you") : ""}
      </td>
      <td>{user.email}</td>
      <td>
        <select
          aria-label={`${t("admin.users.role")}: ${user.email}`}
          className="input w-auto py-1"
          value={user.role}
          disabled={isSelf || pending}
          onChange={(e) => save({ role: e.target.value })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-700">
            {errorText(error)}
          </p>
        ) : null}
      </td>
      <td>
        <span
          className={`badge mr-2 ${user.disabled ? "bg-stone-200 text-stone-600" : "bg-green-100 text-green-800"}`}
        >
          {user.disabled ? t("admin.users.disabled") : t("admin.users.active")}
        </span>
        {isSelf ? null : (
          <button
            type="button"
            className="btn btn-sm"
            disabled={pending}
            onClick={() => save({ disabled: !user.disabled })}
          >
            {user.disabled ? t("admin.users.enable") : t("admin.users.disable")}
          </button>
        )}
      </td>
      <td className="whitespace-nowrap text-stone-500 tabular-nums">
        {user.createdAt.slice(0, 10)}
      </td>
    </tr>
  );
}
