"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslator } from "@/lib/i18n/client";

export function SignOutButton() {
  const { t } = useTranslator();
  const router = useRouter();
  // next-auth would redirect to NEXTAUTH_URL's host (localhost when it is unset): sign out without
  // its redirect and go to the sign-in page of the host the person is on.
  async function onClick() {
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  }
  return (
    <button type="button" className="btn btn-sm" onClick={onClick}>
      {t("nav.signOut")}
    </button>
  );
}
