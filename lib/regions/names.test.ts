import { describe, expect, it } from "vitest";
import {
  matchRegionName,
  regionFullName,
  regionUnits,
  shortFormOf,
  unitLevel,
  type RegionRecord,
} from "./names";

const region = (
  id: string,
  name: string,
  level: string,
  parentId: string | null = null,
  aliases: string[] = [],
): RegionRecord => ({
  id,
  name,
  nameKey: name,
  shortName: shortFormOf(name),
  level,
  parentId,
  aliases,
});

// 海拉尔区 under 呼伦贝尔市 under 内蒙古自治区; 西岗区 under 大连市 under 辽宁省; 城关区 of two cities.
const REGIONS = [
  region("nmg", "内蒙古自治区", "province"),
  region("hlbe", "呼伦贝尔市", "city", "nmg"),
  region("hlr", "海拉尔区", "district", "hlbe"),
  region("ln", "辽宁省", "province"),
  region("dl", "大连市", "city", "ln"),
  region("xg", "西岗区", "district", "dl"),
  region("lz", "兰州市", "city"),
  region("lzcg", "城关区", "district", "lz"),
  region("ls", "拉萨市", "city"),
  region("lscg", "城关区", "district", "ls"),
];

describe("region names", () => {
  it("splits a name into its units, largest first, in simplified characters", () => {
    expect(regionUnits("内蒙古自治区呼伦贝尔市海拉尔区")).toEqual([
      "内蒙古自治区",
      "呼伦贝尔市",
      "海拉尔区",
    ]);
    expect(regionUnits("呼倫貝爾市 海拉爾區")).toEqual(["呼伦贝尔市", "海拉尔区"]);
    expect(regionUnits("海拉尔")).toEqual(["海拉尔"]);
    expect(regionUnits("")).toEqual([]);
  });

  it("gives the short form people use", () => {
    expect(shortFormOf("海拉尔区")).toBe("海拉尔");
    expect(shortFormOf("内蒙古自治区")).toBe("内蒙古");
    expect(shortFormOf("广西壮族自治区")).toBe("广西");
    expect(shortFormOf("新疆维吾尔自治区")).toBe("新疆");
    expect(shortFormOf("鄂温克族自治旗")).toBe("鄂温克");
    expect(shortFormOf("大連市")).toBe("大连");
    expect(shortFormOf("沙市")).toBe("沙市");
  });

  it("guesses the level of a unit from its suffix", () => {
    expect(unitLevel("内蒙古自治区")).toBe("province");
    expect(unitLevel("北京市")).toBe("province");
    expect(unitLevel("呼伦贝尔市")).toBe("city");
    expect(unitLevel("满洲里市", true)).toBe("county");
    expect(unitLevel("海拉尔区")).toBe("district");
    expect(unitLevel("鄂温克族自治旗")).toBe("county");
    expect(unitLevel("大兴安岭地区")).toBe("city");
  });

  it("writes a county-level unit with its city, anything else alone", () => {
    expect(
      regionFullName([
        { name: "海拉尔区", level: "district" },
        { name: "呼伦贝尔市", level: "city" },
      ]),
    ).toBe("呼伦贝尔市海拉尔区");
    expect(
      regionFullName([
        { name: "大连市", level: "city" },
        { name: "辽宁省", level: "province" },
      ]),
    ).toBe("大连市");
    expect(regionFullName([{ name: "海拉尔区", level: "district" }])).toBe("海拉尔区");
  });
});

describe("matchRegionName", () => {
  it("finds one district by its full name, its own name, its short form and in either script", () => {
    for (const name of [
      "呼伦贝尔市海拉尔区",
      "海拉尔区",
      "海拉尔",
      "海拉爾區",
      "内蒙古自治区海拉尔区",
      "内蒙古自治区呼伦贝尔市海拉尔区",
    ]) {
      expect(matchRegionName(name, REGIONS), name).toMatchObject({
        kind: "existing",
        regionId: "hlr",
        via: "name",
      });
    }
    expect(matchRegionName("大連市", REGIONS)).toMatchObject({ kind: "existing", regionId: "dl" });
    expect(matchRegionName("大连市西岗区", REGIONS)).toMatchObject({
      kind: "existing",
      regionId: "xg",
    });
  });

  it("asks when a name fits several regions, and picks the one its city names", () => {
    expect(matchRegionName("城关区", REGIONS)).toEqual({
      kind: "ask",
      reason: "ambiguous",
      candidates: ["lzcg", "lscg"],
      units: ["城关区"],
    });
    expect(matchRegionName("兰州市城关区", REGIONS)).toMatchObject({
      kind: "existing",
      regionId: "lzcg",
    });
  });

  it("asks 'same as 海拉尔区?' for a close name, and for the same name under another parent", () => {
    expect(matchRegionName("海拉尔市", REGIONS)).toMatchObject({
      kind: "ask",
      reason: "similar",
      candidates: ["hlr"],
    });
    expect(matchRegionName("海拉区", REGIONS)).toMatchObject({
      kind: "ask",
      reason: "similar",
      candidates: ["hlr"],
    });
    expect(matchRegionName("辽宁省海拉尔区", REGIONS)).toMatchObject({
      kind: "ask",
      reason: "similar",
      candidates: ["hlr"],
    });
  });

  it("takes a name a person confirmed as it is", () => {
    const withAlias = REGIONS.map((r) => (r.id === "hlr" ? { ...r, aliases: ["海拉尔市"] } : r));
    expect(matchRegionName("海拉尔市", withAlias)).toMatchObject({
      kind: "existing",
      regionId: "hlr",
      via: "alias",
    });
  });

  it("calls a name new when nothing fits or comes close (one changed character in a short name is another district)", () => {
    expect(matchRegionName("扎兰屯市", REGIONS)).toEqual({ kind: "new", units: ["扎兰屯市"] });
    expect(matchRegionName("西湖区", REGIONS)).toMatchObject({ kind: "new" });
    expect(matchRegionName("大连市中山区", REGIONS)).toMatchObject({
      kind: "new",
      units: ["大连市", "中山区"],
    });
  });
});
