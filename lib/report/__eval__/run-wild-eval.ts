/**
 * `npm run eval:wild`: the wild-corpus table (see wild.ts). Flags: --file NAME (one file, with its
 * plan headings); --problems (only files that fall short of the bar).
 */
import {
  evaluateWildCorpus,
  evaluateWildFile,
  MAX_GAP,
  readExpected,
  wildProblems,
  type WildResult,
} from "./wild";

const args = process.argv.slice(2);
const only = args.includes("--file") ? args[args.indexOf("--file") + 1] : null;
const problemsOnly = args.includes("--problems");

const results: WildResult[] = only
  ? readExpected()
      .filter((e) => e.file.startsWith(only))
      .map(evaluateWildFile)
  : evaluateWildCorpus();
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
console.log(
  "file                   sec   region (detected)         lvl  year  date        speaker   items  plan-cov  gap  dbl  framing",
);
for (const r of results) {
  const problems = wildProblems(r);
  if (problemsOnly && !problems.length) continue;
  if (r.error) {
    console.log(`${r.file.padEnd(22)} REFUSED ${r.error}`);
    continue;
  }
  const mark = (ok: boolean) => (ok ? " " : "✗");
  console.log(
    [
      r.file.padEnd(22),
      `${r.review ? "R" : "-"}${r.plan ? "P" : "-"}${r.duplicateBody ? "2" : " "}`.padEnd(5),
      `${mark(r.region.ok)}${String(r.region.got).slice(0, 22).padEnd(23)}`,
      `${mark(r.level.ok)}${String(r.level.got ?? "-")
        .slice(0, 3)
        .padEnd(3)}`,
      `${mark(r.year.ok)}${String(r.year.got ?? "-").padEnd(4)}`,
      String(r.deliveredOn ?? "-").padEnd(10),
      String(r.speaker ?? "-")
        .slice(0, 8)
        .padEnd(8),
      String(r.items).padStart(5),
      pct(r.covered).padStart(8),
      `${r.longestGap >= MAX_GAP ? "✗" : " "}${String(r.longestGap).padStart(4)}`,
      String(r.doubles).padStart(4),
      pct(r.framingChars / Math.max(1, r.planChars + r.framingChars)).padStart(8),
    ].join(" "),
  );
  if (only || problemsOnly) {
    for (const h of r.planHeadings) console.log(`    plan: ${h}`);
    for (const p of problems) console.log(`    ✗ ${p}`);
  }
}
const whole = results.filter((r) => wildProblems(r).length === 0).length;
const field = (f: (r: WildResult) => boolean) => results.filter((r) => !r.error && f(r)).length;
console.log("");
console.log(
  `whole: ${whole}/${results.length}   refused: ${results.filter((r) => r.error).length}   region right: ${field((r) => r.region.ok)}   level right: ${field((r) => r.level.ok)}   year right: ${field((r) => r.year.ok)}`,
);
console.log(
  `doubled items in ${field((r) => r.doubles > 0)} files; a stretch of ${MAX_GAP}+ plan characters with nothing extracted in ${field((r) => r.longestGap >= MAX_GAP)} files`,
);
const parsed = results.filter((r) => !r.error);
const items = parsed.reduce((a, r) => a + r.items, 0);
const chars = parsed.reduce((a, r) => a + r.planChars, 0);
console.log(
  `items: ${items} in ${parsed.length} files, ${((1000 * items) / Math.max(1, chars)).toFixed(1)} per 1,000 plan characters; plan characters inside an item: ${pct(parsed.reduce((a, r) => a + r.covered * r.planChars, 0) / Math.max(1, chars))}`,
);
