import { pageTitle } from "@/app/_components/page-title";
import { requirePagePermission } from "@/lib/auth/session";
import { listSignInLocks, listUsers } from "@/lib/users/data";
import { getTranslator } from "@/lib/i18n/locale";
import { PageHeader } from "@/app/_components/page-header";
import { CreateUserForm } from "./create-user-form";
import { UserRow } from "./user-row";
import { SignInLocks } from "./sign-in-locks";

export const generateMetadata = pageTitle("page.users");

export default async function AdminUsersPage() {
  const me = await requirePagePermission("user:manage");
  const [{ t }, users, locks] = await Promise.all([
    getTranslator(),
    listUsers(),
    listSignInLocks(),
  ]);
  return (
    <>
      <PageHeader title={t("admin.users.title")} subtitle={t("admin.users.subtitle")} />
      <div className="grid items-start gap-5 lg:grid-cols-[1fr_20rem]">
        <div className="card overflow-x-auto">
          <table className="table-dense" data-testid="users-table">
            <thead>
              <tr>
                <th>{t("admin.users.name")}</th>
                <th>{t("admin.users.email")}</th>
                <th>{t("admin.users.role")}</th>
                <th>{t("admin.users.status")}</th>
                <th>{t("admin.users.created")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow key={u.id} user={u} isSelf={u.id === me.id} />
              ))}
            </tbody>
          </table>
        </div>
        <CreateUserForm />
      </div>
      <SignInLocks locks={locks} />
    </>
  );
}
