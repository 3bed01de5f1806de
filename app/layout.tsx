import type { Metadata } from "next";
import "./globals.css";
import { getLocale } from "@/lib/i18n/locale";
import { I18nProvider } from "@/lib/i18n/client";

export const metadata: Metadata = {
  title: { default: "兑现 Duixian", template: "%s · 兑现 Duixian" },
  description: "Track whether governments keep the pledges of their annual work reports",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body className="min-h-screen font-sans">
        <I18nProvider locale={locale}>{children}</I18nProvider>
      </body>
    </html>
  );
}
