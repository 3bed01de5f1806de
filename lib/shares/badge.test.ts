import { describe, expect, it } from "vitest";
import { badgeTone, escapeXml, renderBadge, textWidth } from "./badge";

describe("share badge", () => {
  it("is static SVG with its text escaped and sized to it", () => {
    const svg = renderBadge("兑现", "海拉尔区 2012–2016：61% 的可跟踪承诺已兑现", "fair");
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("海拉尔区 2012–2016：61% 的可跟踪承诺已兑现");
    expect(svg).not.toMatch(/<script|on\w+=|href|<foreignObject/i);
    const hostile = renderBadge("兑现", `<script>alert(1)</script>&"'`, "none");
    expect(hostile).not.toContain("<script>");
    expect(hostile).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&apos;");
    expect(textWidth("海拉尔")).toBeGreaterThan(textWidth("abc"));
    expect(escapeXml("a<b")).toBe("a&lt;b");
  });

  it("is green, amber or red by the rate, grey without one", () => {
    expect([badgeTone(0.8), badgeTone(0.5), badgeTone(0.1), badgeTone(null)]).toEqual([
      "good",
      "fair",
      "poor",
      "none",
    ]);
  });
});
