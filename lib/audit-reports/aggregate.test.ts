import { describe, expect, it } from "vitest";
import {
  aggregatePledges,
  effectiveStatus,
  fulfilmentRate,
  rateIsHeadline,
  tallyCounts,
  type AggregateRow,
} from "./aggregate";

const A = { key: "a", label: "（一）投资", order: 1 };
const B = { key: "b", label: "（二）产业", order: 2 };

function row(
  status: string,
  reviewState: string,
  kind = "policy",
  group: AggregateRow["group"] = A,
): AggregateRow {
  return { status, reviewState, kind, group };
}

// Ten pledges with known verdicts: 4 in section A, 6 in section B.
const ROWS: AggregateRow[] = [
  row("fulfilled", "approved", "quantitative", A),
  row("fulfilled", "submitted", "quantitative", A),
  row("partial", "approved", "project", A),
  row("not_assessed", "draft", "policy", A),
  row("unfulfilled", "approved", "policy", B),
  row("partial", "draft", "policy", B),
  row("not_verifiable", "approved", "project", B),
  row("in_progress", "returned", "project", B),
  row("fulfilled", "approved", "policy", B),
  row("not_assessed", "draft", "mystery", B),
];

describe("aggregatePledges", () => {
  it("counts totals, statuses, approved and provisional", () => {
    const { total } = aggregatePledges(ROWS);
    expect(total).toMatchObject({
      pledges: 10,
      assessed: 8,
      approved: 5,
      provisional: 3,
      rateBase: 7,
    });
    expect(total.counts).toEqual({
      not_assessed: 2,
      in_progress: 1,
      fulfilled: 3,
      partial: 2,
      unfulfilled: 1,
      not_verifiable: 1,
    });
    expect(total.shares.fulfilled).toBeCloseTo(0.3);
    // (3 fulfilled + ½ × 2 partial) ÷ (8 assessed − 1 not verifiable) = 4 / 7
    expect(total.fulfilmentRate).toBeCloseTo(4 / 7);
  });

  it("rates per group, in group order", () => {
    const { byGroup } = aggregatePledges([...ROWS].reverse());
    expect(byGroup.map((g) => [g.key, g.label, g.pledges, g.assessed])).toEqual([
      ["a", "（一）投资", 4, 3],
      ["b", "（二）产业", 6, 5],
    ]);
    // A: (2 + ½) ÷ 3; B: (1 + ½) ÷ (5 − 1)
    expect(byGroup[0].fulfilmentRate).toBeCloseTo(2.5 / 3);
    expect(byGroup[1].fulfilmentRate).toBeCloseTo(1.5 / 4);
  });

  it("rates per kind, always all three kinds; unknown kinds count as policy", () => {
    const { byKind } = aggregatePledges(ROWS);
    expect(byKind.map((k) => [k.kind, k.pledges, k.assessed])).toEqual([
      ["quantitative", 2, 2],
      ["project", 3, 3],
      ["policy", 5, 3],
    ]);
    expect(byKind[0].fulfilmentRate).toBe(1);
    // project: partial + not_verifiable + in_progress → (½) ÷ (3 − 1)
    expect(byKind[1].fulfilmentRate).toBeCloseTo(0.25);
    // policy: unfulfilled, partial, fulfilled (+ 2 not assessed) → 1.5 ÷ 3
    expect(byKind[2].fulfilmentRate).toBeCloseTo(0.5);
  });

  it("approved only: unapproved verdicts count as not assessed; nothing is provisional", () => {
    const { total, byGroup, approvedOnly } = aggregatePledges(ROWS, { approvedOnly: true });
    expect(approvedOnly).toBe(true);
    expect(total).toMatchObject({
      pledges: 10,
      assessed: 5,
      approved: 5,
      provisional: 0,
      rateBase: 4,
    });
    expect(total.counts).toEqual({
      not_assessed: 5,
      in_progress: 0,
      fulfilled: 2,
      partial: 1,
      unfulfilled: 1,
      not_verifiable: 1,
    });
    expect(total.fulfilmentRate).toBeCloseTo(2.5 / 4);
    expect(byGroup[0]).toMatchObject({ pledges: 4, assessed: 2, fulfilmentRate: 0.75 });
  });

  it("empty input: zero counts and no rates", () => {
    const agg = aggregatePledges([]);
    expect(agg.total).toMatchObject({
      pledges: 0,
      assessed: 0,
      approved: 0,
      provisional: 0,
      rateBase: 0,
      fulfilmentRate: null,
    });
    expect(agg.total.shares.fulfilled).toBeNull();
    expect(agg.byGroup).toEqual([]);
    expect(agg.byKind.map((k) => k.pledges)).toEqual([0, 0, 0]);
  });

  it("pledges without a group count in the totals only", () => {
    const agg = aggregatePledges([
      row("fulfilled", "approved", "policy", null),
      row("fulfilled", "approved", "policy", A),
    ]);
    expect(agg.total.pledges).toBe(2);
    expect(agg.byGroup.map((g) => g.pledges)).toEqual([1]);
  });
});

describe("the ½-partial convention", () => {
  const counts = {
    not_assessed: 9,
    in_progress: 0,
    fulfilled: 0,
    partial: 0,
    unfulfilled: 0,
    not_verifiable: 0,
  };

  it("a partial pledge counts half; not_verifiable leaves the divisor; not_assessed never counts", () => {
    expect(fulfilmentRate({ ...counts, partial: 2 })).toBe(0.5);
    expect(fulfilmentRate({ ...counts, fulfilled: 1, partial: 1, unfulfilled: 2 })).toBeCloseTo(
      1.5 / 4,
    );
    expect(fulfilmentRate({ ...counts, fulfilled: 1, not_verifiable: 5 })).toBe(1);
    expect(fulfilmentRate({ ...counts, in_progress: 1, fulfilled: 1 })).toBe(0.5);
  });

  it("is null when only not-verifiable or nothing was assessed", () => {
    expect(fulfilmentRate(counts)).toBeNull();
    expect(fulfilmentRate({ ...counts, not_verifiable: 3 })).toBeNull();
  });
});

describe("tallyCounts and effectiveStatus", () => {
  it("weights grouped counts (as from a database groupBy)", () => {
    const t = tallyCounts([
      { status: "fulfilled", reviewState: "approved", n: 30 },
      { status: "partial", reviewState: "submitted", n: 10 },
      { status: "not_assessed", reviewState: "draft", n: 60 },
    ]);
    expect(t).toMatchObject({ pledges: 100, assessed: 40, approved: 30, provisional: 10 });
    expect(t.fulfilmentRate).toBeCloseTo(35 / 40);
    expect(
      tallyCounts([{ status: "partial", reviewState: "submitted", n: 10 }], true).fulfilmentRate,
    ).toBeNull();
  });

  it("unknown statuses count as not assessed", () => {
    expect(effectiveStatus({ status: "done", reviewState: "approved" }, false)).toBe(
      "not_assessed",
    );
    expect(effectiveStatus({ status: "partial", reviewState: "submitted" }, true)).toBe(
      "not_assessed",
    );
    expect(effectiveStatus({ status: "partial", reviewState: "approved" }, true)).toBe("partial");
  });
});

describe("rateIsHeadline (issue 15: honest headline rates)", () => {
  it("headlines a rate only once at least half of the pledges are assessed", () => {
    expect(rateIsHeadline({ pledges: 415, assessed: 5, fulfilmentRate: 0.7 })).toBe(false);
    expect(rateIsHeadline({ pledges: 62, assessed: 30, fulfilmentRate: 0.7 })).toBe(false);
    expect(rateIsHeadline({ pledges: 62, assessed: 31, fulfilmentRate: 0.7 })).toBe(true);
    expect(rateIsHeadline({ pledges: 3, assessed: 3, fulfilmentRate: 1 })).toBe(true);
    expect(rateIsHeadline({ pledges: 10, assessed: 10, fulfilmentRate: null })).toBe(false);
    expect(rateIsHeadline({ pledges: 0, assessed: 0, fulfilmentRate: null })).toBe(false);
  });
});

describe("suggested verdicts accepted versus changed", () => {
  const s = (
    status: string,
    reviewState: string,
    suggestedStatus: string | null,
  ): AggregateRow => ({ status, reviewState, kind: "quantitative", group: A, suggestedStatus });

  it("counts counted verdicts equal to their suggestion as accepted, others as changed, and skips those without one", () => {
    const rows = [
      s("fulfilled", "approved", "fulfilled"),
      s("unfulfilled", "submitted", "unfulfilled"),
      s("partial", "draft", "unfulfilled"),
      s("fulfilled", "approved", null),
      s("not_assessed", "draft", "fulfilled"),
    ];
    expect(aggregatePledges(rows).suggestions).toEqual({ accepted: 2, changed: 1 });
    // approved only: the unapproved verdicts do not count
    expect(aggregatePledges(rows, { approvedOnly: true }).suggestions).toEqual({
      accepted: 1,
      changed: 0,
    });
  });
});
