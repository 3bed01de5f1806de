/** Renders text with [start, end) ranges wrapped in <mark>; ranges must be sorted and disjoint. */
export function MarkedText({
  text,
  marks,
  markClassName = "bg-amber-200/70 rounded-sm",
}: {
  text: string;
  marks: [number, number][];
  markClassName?: string;
}) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  marks.forEach(([s, e], i) => {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(
      <mark key={i} className={markClassName}>
        {text.slice(s, e)}
      </mark>,
    );
    at = e;
  });
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
