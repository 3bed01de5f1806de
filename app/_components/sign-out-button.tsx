"use client";
import { signOut } from "next-auth/react";
import { useTranslator } from "@/lib/i18n/client";

export function SignOutButton() {
  const { t } = useTranslator();
  return (
    <button type="button" className="btn btn-sm" onClick={() => signOut({ callbackUrl: "/login" })}>
      {t("nav.signOut")}
    </button>
  );
}
