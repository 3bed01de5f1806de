/** The title row of a page: title, optional subtitle, optional actions on the right. */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: React.ReactNode;
  subtitle?: React.ReactNode;
  actions?: React.ReactNode;
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-stone-900">{title}</h1>
        {subtitle ? <p className="mt-0.5 text-sm text-stone-500">{subtitle}</p> : null}
      </div>
      {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
    </div>
  );
}

/** What a list shows when it has nothing yet: what this place is for and how to fill it. */
export function EmptyState({
  title,
  children,
}: {
  title: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <div className="card px-6 py-10 text-center">
      <p className="text-base font-medium text-stone-800">{title}</p>
      {children ? (
        <div className="mx-auto mt-2 max-w-xl text-sm text-stone-500">{children}</div>
      ) : null}
    </div>
  );
}
