/**
 * The terminal progress bar of `cli import` (PURE: formats one line; the CLI redraws it on stderr
 * when stderr is a terminal). Files done of all, the file at hand, and the time left at the pace so far.
 */
export function formatProgressLine(
  p: { done: number; total: number; current: string | null; elapsedMs: number },
  width = 24,
): string {
  const ratio = p.total ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(ratio * width);
  const bar = "█".repeat(filled) + "░".repeat(width - filled);
  const left =
    p.done > 0 && p.done < p.total
      ? ` ~${formatDuration((p.elapsedMs / p.done) * (p.total - p.done))} left`
      : "";
  const current = p.current
    ? `  ${p.current.length > 40 ? `…${p.current.slice(-39)}` : p.current}`
    : "";
  return `[${bar}] ${p.done}/${p.total}${left}${current}`;
}

/** 75_000 → "1:15". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
