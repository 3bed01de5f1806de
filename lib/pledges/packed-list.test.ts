import { describe, expect, it } from "vitest";
import type { PledgeDto } from "./schema";
import { packPledges, unpackPledges } from "./packed-list";

const base: PledgeDto = {
  id: "p1",
  start: 0,
  end: 4,
  text: "稳定就业",
  sectionId: "s1",
  topic: null,
  kind: "policy",
  target: null,
  position: 0,
  status: "not_assessed",
  reviewState: "draft",
  assigneeId: null,
  evidenceCount: 0,
  version: 1,
  tier: "direction",
  tierReason: null,
  tierSource: "parser",
  excluded: false,
  title: null,
};

describe("packPledges / unpackPledges", () => {
  it("round-trips every field, nulls, targets and awkward text", () => {
    const pledges: PledgeDto[] = [
      base,
      {
        ...base,
        id: "p2",
        start: 5,
        end: 12,
        text: 'a "quoted" </script> \\ \r\n 𠀀',
        topic: "就业",
        kind: "quantitative",
        target: { value: 6.5, valueMax: 7, unit: "%", comparator: "=", growth: true },
        position: 1,
        status: "fulfilled",
        reviewState: "submitted",
        assigneeId: "u1",
        evidenceCount: 3,
        version: 7,
        tier: "trackable",
        tierReason: "target",
        tierSource: "person",
        excluded: true,
        title: '就业 0 "标题"',
      },
      {
        ...base,
        id: "p3",
        sectionId: null,
        target: { value: 0, valueMax: null, unit: null, comparator: ">=", growth: false },
        topic: "就业",
        assigneeId: "u1",
      },
    ];
    expect(unpackPledges(packPledges(pledges))).toEqual(pledges);
  });

  it("drops fields beyond the DTO (the server's search copy never reaches the browser)", () => {
    const withSearch = { ...base, searchText: "稳定就业" } as PledgeDto;
    expect(packPledges([withSearch])).not.toContain("searchText");
    expect(unpackPledges(packPledges([withSearch]))).toEqual([base]);
  });

  it("stores repeated values once", () => {
    const many = Array.from({ length: 100 }, (_, i) => ({
      ...base,
      id: `p${i}`,
      sectionId: "section-with-a-long-id-0000001",
    }));
    expect(packPledges(many).split("section-with-a-long-id").length).toBe(2);
    expect(unpackPledges(packPledges([]))).toEqual([]);
  });
});
