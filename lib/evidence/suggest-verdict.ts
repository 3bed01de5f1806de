/**
 * A suggested verdict for one pledge from the evidence the review offers: `fulfilled | partial |
 * unfulfilled | not_verifiable`, a confidence and the grounds it rests on (figures compared, the
 * words that say how far the work got, an admission, or silence), which describeVerdict turns into
 * the one-line reason an analyst reads and may accept as the rationale.
 *
 * Order of grounds:
 * 1. silence: no suggestion is better than weak → not_verifiable;
 * 2. the review's own admission (没有完成, 未达到预期, 差距…) in the evidence sentence → unfulfilled;
 * 3. figures: every target of the pledge (pledge-targets.ts) against the first evidence that reports
 *    the same indicator or object (compare-numbers.ts): all met → fulfilled, some → partial, none →
 *    unfulfilled; only multi-year figures → not_verifiable;
 * 4. a numeric pledge without a comparable figure → not_verifiable, unless the review states a whole
 *    completion (全部完成, 全部达标);
 * 5. words: what the pledge asks (complete, start, push) against what the review says happened
 *    (done, started, in progress); a list of named items of which the review names only some → partial.
 */
import { normalizeForSearch as foldForMatch } from "../report/script";
import { compareLocated, type Comparison, type NumericTarget } from "./compare-numbers";
import { itemsNamed, namedItems } from "./named-items";
import { pledgeTargets } from "./pledge-targets";
import {
  evidenceCue,
  pledgeDemand,
  wholeCompletion,
  type Demand,
  type Stage,
} from "./verdict-cues";

import { VERDICT_STATUSES, type VerdictStatus } from "@/lib/vocabulary";
export { VERDICT_STATUSES, type VerdictStatus };

/** How far a suggested verdict can be trusted; the eval measures how often each level is right. */
export type VerdictConfidence = "high" | "medium" | "low";

/** How well a piece of evidence matches its pledge (rate-suggestions.ts); `linked`: an analyst linked it. */
export type EvidenceLevel = "linked" | "strong" | "fair" | "weak";

/** A piece of evidence offered to the verdict: a suggested or linked span of the review, best first. */
export interface VerdictEvidence {
  text: string;
  start: number;
  end: number;
  level: EvidenceLevel;
  /** The whole sentence the span belongs to (figures are often in a sibling clause). */
  sentence?: { text: string; start: number };
  /** The span stands in a passage about several years (see compare-numbers.ts CompareOptions). */
  multiYear?: boolean;
}

export interface Quote {
  text: string;
  start: number;
  end: number;
}

export interface ComparedFigure {
  /** The target as written in the pledge (240亿元, 3%左右), with its comparator. */
  target: string;
  /** The reported figure as written in the review. */
  reported: string;
  verdict: Comparison["verdict"];
  ceiling: boolean;
}

export type VerdictGrounds =
  | { kind: "silence" }
  | { kind: "admission"; cue: string; quote: Quote }
  | { kind: "figures"; figures: ComparedFigure[]; unreported: number; quote: Quote }
  | { kind: "multi-year"; figures: ComparedFigure[]; quote: Quote }
  | { kind: "no-figure"; cue: string | null; quote: Quote }
  | {
      kind: "words";
      demand: Demand;
      stage: Stage | null;
      cue: string | null;
      named: number;
      missing: number;
      quote: Quote;
    };

export interface SuggestedVerdict {
  status: VerdictStatus;
  confidence: VerdictConfidence;
  /** One line, in English, quoting the numbers or words it rests on (describeVerdict(v, "en")). */
  reason: string;
  grounds: VerdictGrounds;
}

export interface VerdictPledge {
  text: string;
  /** As in PledgeQuery: undefined reads targets from the text, null checks none. */
  target?: NumericTarget | NumericTarget[] | null;
}

const COMPARATOR_SIGN: Record<string, string> = { ">=": "≥", "<=": "≤", "~": "≈", "=": "" };

function quoteOf(e: VerdictEvidence): Quote {
  return { text: e.text, start: e.start, end: e.end };
}

function figureOf(c: Comparison): ComparedFigure {
  const sign =
    c.target.ceiling && c.target.comparator !== "<="
      ? "≤"
      : (COMPARATOR_SIGN[c.target.comparator] ?? "");
  const written = c.target.text ?? `${c.target.value}${c.target.unit}`;
  return {
    target: `${sign}${written.replace(/(以上|以内|左右|以下)$/, "")}`,
    reported: c.reported.text,
    verdict: c.verdict,
    ceiling: !!c.target.ceiling,
  };
}

function isMiss(f: ComparedFigure): boolean {
  return f.verdict === "below" || (f.verdict === "exceeded" && f.ceiling);
}

function isMet(f: ComparedFigure): boolean {
  return f.verdict === "met" || (f.verdict === "exceeded" && !f.ceiling);
}

/** Texts to read figures and words from: the span itself, then its whole sentence. */
function readings(e: VerdictEvidence): { text: string; offset: number }[] {
  const out = [{ text: e.text, offset: e.start }];
  if (e.sentence && e.sentence.text !== e.text)
    out.push({ text: e.sentence.text, offset: e.sentence.start });
  return out;
}

/** Suggests a verdict for `pledge` from `evidence` (best first; linked evidence first of all). */
export function suggestVerdict(
  pledge: VerdictPledge,
  evidence: VerdictEvidence[],
): SuggestedVerdict {
  const usable = evidence.filter((e) => e.level !== "weak");
  if (usable.length === 0)
    return finish(
      "not_verifiable",
      evidence.length === 0 || evidence[0].level === "weak" ? "high" : "medium",
      { kind: "silence" },
    );
  const top = usable[0];
  const trusted = top.level === "linked" || top.level === "strong";

  // 2. an admission in the top evidence's sentence
  for (const r of readings(top)) {
    const cue = evidenceCue(foldForMatch(r.text));
    if (cue?.stage === "admission")
      return finish("unfulfilled", trusted ? "high" : "medium", {
        kind: "admission",
        cue: cue.word,
        quote: quoteOf(top),
      });
  }

  // 3. figures
  const targets = pledgeTargets(pledge.text, pledge.target);
  if (targets.length) {
    const figures: ComparedFigure[] = [];
    let quoteFrom: VerdictEvidence | null = null;
    let sure = true;
    let unreported = 0;
    for (const t of targets) {
      let found: Comparison | null = null;
      let from: VerdictEvidence | null = null;
      for (const e of usable.slice(0, 3)) {
        for (const r of readings(e)) {
          found = compareLocated(t, r.text, pledge.text, { multiYear: e.multiYear });
          if (found) break;
        }
        if (found) {
          from = e;
          break;
        }
      }
      if (!found || !from) {
        unreported++;
        continue;
      }
      figures.push(figureOf(found));
      quoteFrom ??= from;
      if (from.level === "fair" || found.match !== "same") sure = false;
    }
    if (figures.length && quoteFrom) {
      const known = figures.filter((f) => f.verdict !== "unclear");
      if (known.length === 0)
        return finish("not_verifiable", "medium", {
          kind: "multi-year",
          figures,
          quote: quoteOf(quoteFrom),
        });
      const met = known.filter(isMet).length;
      const missed = known.filter(isMiss).length;
      const status: VerdictStatus =
        missed === 0 ? "fulfilled" : met === 0 ? "unfulfilled" : "partial";
      const confidence: VerdictConfidence =
        sure && unreported === 0 ? "high" : sure || trusted ? "medium" : "low";
      return finish(status, confidence, {
        kind: "figures",
        figures: known,
        unreported: unreported + figures.length - known.length,
        quote: quoteOf(quoteFrom),
      });
    }
    // 4. a numeric pledge whose figure the review does not give
    const whole =
      readings(top)
        .map((r) => wholeCompletion(foldForMatch(r.text)))
        .find(Boolean) ?? null;
    if (whole)
      return finish("fulfilled", "low", { kind: "no-figure", cue: whole, quote: quoteOf(top) });
    return finish("not_verifiable", trusted ? "medium" : "low", {
      kind: "no-figure",
      cue: null,
      quote: quoteOf(top),
    });
  }

  // 5. words
  const pledgeFolded = foldForMatch(pledge.text);
  const demand = pledgeDemand(pledgeFolded);
  // the stage is read in the evidence itself: its sentence may go on about other works
  const cue = evidenceCue(foldForMatch(top.text));
  const stage = cue && cue.stage !== "admission" ? cue.stage : null;
  const items = namedItems(pledgeFolded);
  const named = items.length
    ? itemsNamed(
        items,
        foldForMatch(
          usable
            .filter((e, i) => i === 0 || e.level !== "fair")
            .slice(0, 3)
            .map((e) => e.sentence?.text ?? e.text)
            .join("。"),
        ),
      )
    : { named: 0, missing: 0 };
  const someMissing = named.named > 0 && named.missing > 0;
  let status: VerdictStatus;
  if (demand === "push") status = "fulfilled";
  else if (demand === "start")
    status = stage === "done" || stage === "started" ? "fulfilled" : "partial";
  else status = stage === "done" ? "fulfilled" : "partial";
  if (status === "fulfilled" && someMissing) status = "partial";
  const confidence: VerdictConfidence = trusted && stage ? "medium" : "low";
  return finish(status, confidence, {
    kind: "words",
    demand,
    stage,
    cue: cue && cue.stage !== "admission" ? cue.word : null,
    named: named.named,
    missing: named.missing,
    quote: quoteOf(top),
  });
}

function finish(
  status: VerdictStatus,
  confidence: VerdictConfidence,
  grounds: VerdictGrounds,
): SuggestedVerdict {
  const v = { status, confidence, grounds, reason: "" };
  v.reason = describeVerdict(v, "en");
  return v;
}

const VERDICT_WORDS = {
  en: {
    met: "met",
    below: "below",
    exceeded: "above",
    unclear: "unclear",
    exceededCeiling: "over the ceiling",
  },
  zh: {
    met: "达到",
    below: "未达到",
    exceeded: "超过",
    unclear: "无法判断",
    exceededCeiling: "超出上限",
  },
} as const;

const STAGE_WORDS = {
  en: { done: "done", started: "started", progress: "in progress" },
  zh: { done: "已完成", started: "已开工", progress: "推进中" },
} as const;

const DEMAND_WORDS = {
  en: { complete: "to complete", start: "to start", push: "to push forward" },
  zh: { complete: "完成", start: "启动", push: "推进" },
} as const;

/**
 * The one-line reason of a suggested verdict, quoting its numbers or words, in English or Chinese
 * (the app fills the rationale in the analyst's language).
 */
export function describeVerdict(v: Pick<SuggestedVerdict, "grounds">, lang: "en" | "zh"): string {
  const g = v.grounds;
  const q = (quote: Quote) => `“${quote.text}”`;
  const fig = (f: ComparedFigure) => {
    const word =
      f.verdict === "exceeded" && f.ceiling
        ? VERDICT_WORDS[lang].exceededCeiling
        : VERDICT_WORDS[lang][f.verdict];
    return lang === "en"
      ? `target ${f.target}, reported ${f.reported} (${word})`
      : `目标${f.target}，实际${f.reported}（${word}）`;
  };
  switch (g.kind) {
    case "silence":
      return lang === "en"
        ? "The review appears silent on this pledge: no sentence reports on it."
        : "工作回顾似未提及此项承诺：没有句子报告其进展。";
    case "admission":
      return lang === "en"
        ? `The review admits a shortfall (“${g.cue}”): ${q(g.quote)}`
        : `回顾承认未完成（“${g.cue}”）：${q(g.quote)}`;
    case "figures": {
      const list = g.figures.map(fig).join(lang === "en" ? "; " : "；");
      const rest = g.unreported
        ? lang === "en"
          ? `; ${g.unreported} more target(s) not reported`
          : `；另有${g.unreported}项目标未报告`
        : "";
      return lang === "en" ? `${list}${rest}: ${q(g.quote)}` : `${list}${rest}：${q(g.quote)}`;
    }
    case "multi-year":
      return lang === "en"
        ? `The review gives only a multi-year or cumulative figure (${g.figures.map((f) => f.reported).join(", ")}), not the year's: ${q(g.quote)}`
        : `回顾只给出多年或累计数（${g.figures.map((f) => f.reported).join("、")}），没有当年数：${q(g.quote)}`;
    case "no-figure":
      if (g.cue)
        return lang === "en"
          ? `No figure to compare, but the review says “${g.cue}”: ${q(g.quote)}`
          : `没有可比数字，但回顾称“${g.cue}”：${q(g.quote)}`;
      return lang === "en"
        ? `The review reports on it but gives no figure comparable with the target: ${q(g.quote)}`
        : `回顾提及此项，但没有可与目标比较的数字：${q(g.quote)}`;
    case "words": {
      const items =
        g.missing > 0 && g.named > 0
          ? lang === "en"
            ? `; it names ${g.named} of ${g.named + g.missing} listed items`
            : `；列出的${g.named + g.missing}项中只提到${g.named}项`
          : "";
      const stage = g.stage ? STAGE_WORDS[lang][g.stage] : null;
      if (lang === "en") {
        return `A pledge ${DEMAND_WORDS.en[g.demand]}; the review says ${g.cue ? `“${g.cue}” (${stage})` : "nothing of its stage"}${items}: ${q(g.quote)}`;
      }
      return `承诺${DEMAND_WORDS.zh[g.demand]}；回顾${g.cue ? `称“${g.cue}”（${stage}）` : "未说明进度"}${items}：${q(g.quote)}`;
    }
  }
}
