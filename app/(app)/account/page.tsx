import { pageTitle } from "@/app/_components/page-title";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { isMessageKey } from "@/lib/i18n/messages";
import { listApiTokens } from "@/lib/api-tokens/data";
import { ApiTokens } from "./api-tokens";
import { ChangePasswordForm } from "./change-password-form";

export const generateMetadata = pageTitle("page.account");

export default async function AccountPage() {
  const user = await requirePageUser();
  const { t } = await getTranslator();
  const roleKey = `role.${user.role}`;
  const tokens = await listApiTokens(user.id);
  return (
    <>
      <PageHeader title={t("account.title")} />
      <div className="grid max-w-3xl gap-5 md:grid-cols-2">
        <section className="card p-4">
          <h2 className="mb-3 font-semibold">{t("account.profile")}</h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="label">{t("admin.users.name")}</dt>
              <dd>{user.name}</dd>
            </div>
            <div>
              <dt className="label">{t("admin.users.email")}</dt>
              <dd>{user.email}</dd>
            </div>
            <div>
              <dt className="label">{t("admin.users.role")}</dt>
              <dd>{isMessageKey(roleKey) ? t(roleKey) : user.role}</dd>
            </div>
          </dl>
        </section>
        <ChangePasswordForm />
        <ApiTokens tokens={tokens} />
      </div>
    </>
  );
}
