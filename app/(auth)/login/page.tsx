import { pageTitle } from "@/app/_components/page-title";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/locale";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { LoginForm } from "./login-form";

export const generateMetadata = pageTitle("page.login");

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getCurrentUser()) redirect("/");
  const { t } = await getTranslator();
  const params = await searchParams;
  const notice = params.changed === "1" ? t("login.passwordChanged") : null;
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4">
      <div className="absolute top-4 right-4">
        <LanguageSwitch />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-3xl font-bold text-brand-700">{t("app.name")}</div>
          <div className="mt-1 text-sm text-stone-500">{t("app.tagline")}</div>
        </div>
        <div className="card p-6">
          <h1 className="text-lg font-semibold">{t("login.title")}</h1>
          <p className="mb-4 text-sm text-stone-500">{t("login.subtitle")}</p>
          {notice ? (
            <p
              className="mb-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800"
              role="status"
            >
              {notice}
            </p>
          ) : null}
          <LoginForm />
        </div>
        <p className="mt-4 text-center text-xs text-stone-400">{t("login.demoHint")}</p>
      </div>
    </div>
  );
}
