import { describe, expect, it } from "vitest";
import {
  detectScript,
  foldWidth,
  normalizeForParse,
  normalizeForSearch,
  toSimplified,
} from "./script";

describe("script", () => {
  it("converts traditional to simplified, preserving length", () => {
    const t = "二、2020年政府工作目標與主要任務 三、努力建設新時代人民滿意政府 區 預期目標 回顧";
    const s = toSimplified(t);
    expect(s).toBe(
      "二、2020年政府工作目标与主要任务 三、努力建设新时代人民满意政府 区 预期目标 回顾",
    );
    expect(s.length).toBe(t.length);
  });
  it("detects the script", () => {
    expect(
      detectScript(
        "一、2019年政府工作回顧 過去的一年,在黨中央國務院、省委省政府和市委的堅強領導下",
      ),
    ).toBe("traditional");
    expect(
      detectScript("一、2019年工作回顾 2019年,喜迎中华人民共和国70华诞,我们守初心、担使命"),
    ).toBe("simplified");
    expect(detectScript("abc 123")).toBe("simplified");
  });
  it("folds full-width ASCII and the ideographic space, 1:1", () => {
    expect(foldWidth("（一）１２％，；：　ＡＢ")).toBe("(一)12%,;: AB");
  });
  it("normalizeForSearch: simplified, half-width, lower-case, same length", () => {
    const t = "維修改造２０部居民老舊電梯，ＧＤＰ";
    const n = normalizeForSearch(t);
    expect(n).toBe("维修改造20部居民老旧电梯,gdp");
    expect(n.length).toBe(t.length);
    expect(normalizeForSearch("電梯")).toBe(normalizeForSearch("电梯"));
  });
  it("normalizeForParse keeps case and length", () => {
    const t = "提高PE大廈使用效率（一）";
    expect(normalizeForParse(t, "traditional")).toBe("提高PE大厦使用效率(一)");
    expect(normalizeForParse(t, "simplified")).toBe("提高PE大廈使用效率(一)");
  });
});
