import { describe, expect, it } from "vitest";
import { isRegionName, splitRegionName } from "./metadata";

describe("region names", () => {
  it("splits a name into its own unit and the units above it", () => {
    expect(splitRegionName("呼伦贝尔市海拉尔区")).toEqual({
      short: "海拉尔区",
      parent: "呼伦贝尔市",
    });
    expect(splitRegionName("海拉尔区")).toEqual({ short: "海拉尔区", parent: null });
    expect(splitRegionName("温州市鹿城区")).toEqual({ short: "鹿城区", parent: "温州市" });
    expect(splitRegionName("延边朝鲜族自治州延吉市")).toEqual({
      short: "延吉市",
      parent: "延边朝鲜族自治州",
    });
    for (const one of ["内蒙古自治区", "宁夏回族自治区", "北京市", "市中区", "沙县区", "浦东新区"])
      expect(splitRegionName(one)).toEqual({ short: one, parent: null });
  });

  it("accepts place names and refuses people, dates and sentences", () => {
    for (const ok of ["北京市", "新疆维吾尔自治区", "大连市西岗区", "海拉尔区"])
      expect(isRegionName(ok), ok).toBe(true);
    for (const bad of [
      "殷勇同志作",
      "省长刘小涛代表省人民政府向大会作",
      "1月27日",
      "省",
      "全市",
      "任振鹤作",
    ])
      expect(isRegionName(bad), bad).toBe(false);
  });
});
