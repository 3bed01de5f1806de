/**
 * How far to trust each evidence suggestion: a probability that it reports on the pledge, from a
 * logistic model over the suggestion's signals, and a level read from it. The weights are fitted on
 * the hand-labelled gold (Hailar and 河北, lib/evidence/__eval__/fit-confidence.ts prints them) and
 * `npm run eval` measures how often a suggestion at each level is right, so a level means what it
 * says; a pledge whose best suggestion is weak reads as one the review is silent on.
 */
import type { Suggestion } from "./suggest-evidence";

export type SuggestionLevel = "strong" | "fair" | "weak";

/** The signals the model reads, in the order of MODEL_WEIGHTS (bias first). */
export const FEATURE_NAMES = [
  "bias",
  "coverage",
  "logScore",
  "margin",
  "relativeScore",
  "nameRun",
  "indicatorMissed",
  "multiYear",
  "figureSame",
  "figureOther",
  "figureMultiYear",
  "lowerRank",
  "logMatched",
  "absent",
] as const;

/** Fitted by fit-confidence.ts on the gold (L2 1.0); refit after changing the ranking or the signals. */
export const MODEL_WEIGHTS: readonly number[] = [
  -8.551, 0.986, 1.626, 0.731, 2.824, 0.095, -0.365, -1.287, 0.387, -0.566, -1.249, -1.534, 0.439,
  0.05,
];

/** At or above: strong (on the gold, right about 9 times in 10). */
export const STRONG_PROBABILITY = 0.7;
/** Below: weak; a pledge whose best suggestion is weak reads as silent. */
export const FAIR_PROBABILITY = 0.5;

/** The feature vector of suggestion `i` of a ranked list (best first). */
export function suggestionFeatures(
  list: readonly Pick<Suggestion, "score" | "confidence" | "signals">[],
  i: number,
): number[] {
  const s = list[i];
  const top = list[0].score;
  const next = list[i + 1]?.score ?? 0;
  const sig = s.signals;
  return [
    1,
    s.confidence,
    Math.log1p(Math.max(0, s.score)),
    s.score > 0 ? (s.score - next) / s.score : 0,
    top > 0 ? s.score / top : 0,
    Math.min(sig.run, 8) / 8,
    sig.pledgeIndicator && !sig.indicator ? 1 : 0,
    sig.multiYear ? 1 : 0,
    sig.figure === "same" ? 1 : 0,
    sig.figure === "other" ? 1 : 0,
    sig.figure === "multi-year" ? 1 : 0,
    i > 0 ? 1 : 0,
    Math.log1p(Math.max(0, sig.matched)),
    sig.absent,
  ];
}

/** The model's probability for a feature vector. */
export function probabilityOf(
  features: readonly number[],
  weights: readonly number[] = MODEL_WEIGHTS,
): number {
  let z = 0;
  for (let k = 0; k < features.length; k++) z += features[k] * (weights[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/** The level of a probability. */
export function levelOf(probability: number): SuggestionLevel {
  return probability >= STRONG_PROBABILITY
    ? "strong"
    : probability >= FAIR_PROBABILITY
      ? "fair"
      : "weak";
}

/** Sets `probability` and `level` on each suggestion of a ranked list (best first), in place. */
export function rateSuggestions(list: Suggestion[]): void {
  for (let i = 0; i < list.length; i++) {
    list[i].probability = Math.round(probabilityOf(suggestionFeatures(list, i)) * 1000) / 1000;
    list[i].level = levelOf(list[i].probability);
  }
}
