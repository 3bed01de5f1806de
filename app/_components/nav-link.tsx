"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** A top navigation link that marks itself current when the path is inside its section. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(href + "/");
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded-md px-2.5 py-1.5 text-sm font-medium max-lg:py-2 max-lg:text-base ${current ? "bg-stone-800 text-white" : "text-stone-700 hover:bg-stone-200"}`}
    >
      {children}
    </Link>
  );
}
