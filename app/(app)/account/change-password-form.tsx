"use client";
import { useEffect } from "react";
import { signOut } from "next-auth/react";
import { changePasswordAction } from "@/lib/users/actions";
import { useTranslator } from "@/lib/i18n/client";
import { useFormAction } from "@/app/_components/use-form-action";
import { FieldError, useActionErrorText } from "@/app/_components/action-error-text";

export function ChangePasswordForm() {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const { state, pending, onSubmit } = useFormAction(changePasswordAction);
  useEffect(() => {
    // The change ends every session of the account (this one too): sign in again with the new password.
    if (state?.ok) void signOut({ callbackUrl: "/login?changed=1" });
  }, [state]);
  const error = state && !state.ok ? state : null;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="card space-y-3 p-4"
      data-testid="change-password-form"
    >
      <h2 className="font-semibold">{t("account.changePassword")}</h2>
      <div>
        <label className="label" htmlFor="currentPassword">
          {t("account.currentPassword")}
        </label>
        <input
          className="input"
          id="currentPassword"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
        />
        <FieldError error={error} name="currentPassword" />
      </div>
      <div>
        <label className="label" htmlFor="newPassword">
          {t("account.newPassword")}
        </label>
        <input
          className="input"
          id="newPassword"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
        />
        <FieldError error={error} name="newPassword" />
      </div>
      <div>
        <label className="label" htmlFor="confirmPassword">
          {t("account.confirmPassword")}
        </label>
        <input
          className="input"
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
        />
        <FieldError error={error} name="confirmPassword" />
      </div>
      {error && !error.fieldErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      <button className="btn btn-primary" disabled={pending}>
        {t("account.submit")}
      </button>
    </form>
  );
}
