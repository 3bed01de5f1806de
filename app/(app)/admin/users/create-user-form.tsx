"use client";
import { useEffect, useRef } from "react";
import { createUserAction } from "@/lib/users/actions";
import { useTranslator } from "@/lib/i18n/client";
import { useFormAction } from "@/app/_components/use-form-action";
import { ROLES } from "@/lib/auth/permissions";
import { FieldError, useActionErrorText } from "@/app/_components/action-error-text";

export function CreateUserForm() {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const { state, pending, onSubmit } = useFormAction(createUserAction);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const error = state && !state.ok ? state : null;
  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      className="card h-fit space-y-3 p-4"
      aria-labelledby="create-user-title"
      data-testid="create-user-form"
    >
      <h2 id="create-user-title" className="font-semibold">
        {t("admin.users.create")}
      </h2>
      <div>
        <label className="label" htmlFor="new-name">
          {t("admin.users.name")}
        </label>
        <input className="input" id="new-name" name="name" required maxLength={100} />
        <FieldError error={error} name="name" />
      </div>
      <div>
        <label className="label" htmlFor="new-email">
          {t("admin.users.email")}
        </label>
        <input className="input" id="new-email" name="email" type="email" required />
        <FieldError error={error} name="email" />
      </div>
      <div>
        <label className="label" htmlFor="new-role">
          {t("admin.users.role")}
        </label>
        <select className="input" id="new-role" name="role" defaultValue="analyst">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="new-password">
          {t("admin.users.password")}
        </label>
        <input
          className="input"
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
        />
        <FieldError error={error} name="password" />
      </div>
      {error && !error.fieldErrors ? (
        <p role="alert" className="text-sm text-red-700">
          {errorText(error)}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="text-sm text-green-700">
          {t("admin.users.createdOk")}
        </p>
      ) : null}
      <button className="btn btn-primary" disabled={pending}>
        {t("admin.users.submit")}
      </button>
    </form>
  );
}
