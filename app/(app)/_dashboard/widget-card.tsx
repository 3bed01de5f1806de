import Link from "next/link";

/** A dashboard widget: a card with a heading, an optional count and an optional "all" link. */
export function WidgetCard({
  title,
  count,
  hint,
  more,
  testId,
  className = "",
  children,
}: {
  title: string;
  count?: number;
  hint?: string;
  more?: { href: string; label: string };
  testId: string;
  className?: string;
  children: React.ReactNode;
}) {
  const id = `${testId}-title`;
  return (
    <section className={`card p-4 ${className}`} aria-labelledby={id} data-testid={testId}>
      <div className="flex items-baseline justify-between gap-3">
        <h2 id={id} className="font-semibold text-stone-900">
          {title}
          {count !== undefined ? (
            <span
              className="ml-2 rounded-full bg-stone-100 px-2 py-0.5 text-xs font-medium text-stone-700 tabular-nums"
              data-testid={`${testId}-count`}
            >
              {count}
            </span>
          ) : null}
        </h2>
        {more ? (
          <Link href={more.href} className="shrink-0 text-xs text-brand-700 hover:underline">
            {more.label}
          </Link>
        ) : null}
      </div>
      {hint ? <p className="mt-0.5 text-xs text-stone-500">{hint}</p> : null}
      <div className="mt-3">{children}</div>
    </section>
  );
}
