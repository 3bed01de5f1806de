import { describe, expect, it } from "vitest";
import { findAbbreviations } from "./abbreviations";
import { indexReview } from "./index-review";
import { suggestEvidence } from "./suggest-evidence";

describe("abbreviations", () => {
  it("gives an abbreviation and its long forms the same id", () => {
    expect(findAbbreviations("稳妥推进化债").map((a) => a.id)).toEqual(["debt"]);
    expect(findAbbreviations("化解政府债务12.43亿元").map((a) => a.id)).toEqual(["debt"]);
    expect(findAbbreviations("深化简政放权、放管结合、优化服务改革").map((a) => a.id)).toEqual([
      "fangguanfu",
    ]);
    expect(
      findAbbreviations("减轻义务教育阶段学生作业负担和校外培训负担").map((a) => a.id),
    ).toEqual(["double-reduction"]);
  });

  it("lets 化债 find 化解政府债务 and 双减 the long form in a review", () => {
    const review =
      "全年地区生产总值增长5.5%。化解政府债务12.43亿元，守住了不发生系统性风险的底线。新建学校3所。切实减轻义务教育阶段学生作业负担和校外培训负担。";
    const index = indexReview(review);
    expect(suggestEvidence(index, { text: "稳妥推进化债工作" })[0].text).toBe(
      "化解政府债务12.43亿元，守住了不发生系统性风险的底线",
    );
    expect(suggestEvidence(index, { text: "落实“双减”政策" })[0].text).toBe(
      "切实减轻义务教育阶段学生作业负担和校外培训负担",
    );
  });
});
