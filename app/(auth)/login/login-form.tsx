"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslator } from "@/lib/i18n/client";
import type { MessageKey } from "@/lib/i18n/messages";

const ERRORS: Record<string, MessageKey> = {
  CredentialsSignin: "login.error.invalid",
  LOCKED: "login.error.locked",
  DISABLED: "login.error.disabled",
};

export function LoginForm() {
  const { t } = useTranslator();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // An empty field is said at once, not sent.
    if (!String(form.get("email") ?? "").trim() || !String(form.get("password") ?? "")) {
      setError(t("login.error.empty"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (res?.ok && !res.error) {
        router.replace("/");
        router.refresh();
        return;
      }
      setError(t(ERRORS[res?.error ?? ""] ?? "login.error.generic"));
    } catch {
      setError(t("login.error.generic"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <div>
        <label htmlFor="email" className="label">
          {t("login.email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          className="input"
          autoFocus
        />
      </div>
      <div>
        <label htmlFor="password" className="label">
          {t("login.password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="input"
        />
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary w-full justify-center" disabled={pending}>
        {pending ? t("login.submitting") : t("login.submit")}
      </button>
    </form>
  );
}
