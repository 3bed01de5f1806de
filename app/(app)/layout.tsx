import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getTranslator } from "@/lib/i18n/locale";
import { isMessageKey } from "@/lib/i18n/messages";
import { NavLink } from "@/app/_components/nav-link";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { HeaderMenu } from "@/app/_components/header-menu";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  const { t } = await getTranslator();
  const roleKey = `role.${user.role}`;
  return (
    <div className="min-h-screen">
      <header className="no-print sticky top-0 z-20 border-b border-stone-200 bg-white/95 backdrop-blur">
        <nav
          className="mx-auto flex max-w-7xl items-center gap-1 px-4 py-2 max-lg:h-12"
          aria-label="main"
        >
          <Link href="/" className="mr-4 flex items-baseline gap-2">
            <span className="text-lg font-bold text-brand-700">{t("app.name")}</span>
            <span className="hidden text-xs text-stone-500 md:inline">{t("app.tagline")}</span>
          </Link>
          {/* Below lg the links and account live in a menu panel (one copy of each element). */}
          <HeaderMenu>
            <NavLink href="/">{t("dashboard.nav")}</NavLink>
            <NavLink href="/reports">{t("nav.reports")}</NavLink>
            <NavLink href="/regions">{t("regions.nav")}</NavLink>
            <NavLink href="/search">{t("search.nav")}</NavLink>
            <NavLink href="/review">{t("nav.review")}</NavLink>
            <NavLink href="/audit">{t("nav.audit")}</NavLink>
            {can(user.role, "user:manage") ? (
              <NavLink href="/admin/users">{t("nav.admin")}</NavLink>
            ) : null}
            <div className="ml-auto flex items-center gap-3 max-lg:mt-2 max-lg:ml-0 max-lg:flex-wrap max-lg:border-t max-lg:border-stone-200 max-lg:pt-3">
              <LanguageSwitch />
              <Link
                href="/account"
                className="text-right text-xs leading-tight hover:underline max-lg:text-left"
                data-testid="current-user"
              >
                <span className="block font-medium text-stone-800">{user.name}</span>
                <span className="block text-stone-500">
                  {isMessageKey(roleKey) ? t(roleKey) : user.role}
                </span>
              </Link>
              <SignOutButton />
            </div>
          </HeaderMenu>
        </nav>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-5">{children}</main>
    </div>
  );
}
