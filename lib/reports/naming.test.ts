import { describe, expect, it } from "vitest";
import { contentDisposition, publicOrigin } from "@/lib/audit-reports/export";
import { defaultReportTitle, exportFileStem, isGenericTitle, reportLabel } from "./naming";

describe("naming reports by region and year", () => {
  it("gives a title naming no region the full name", () => {
    expect(defaultReportTitle(2019, "呼伦贝尔市海拉尔区")).toBe(
      "2019年呼伦贝尔市海拉尔区政府工作报告",
    );
    expect(defaultReportTitle(null, "海拉尔区")).toBe("海拉尔区政府工作报告");
    for (const t of ["政府工作报告", "政 府 工 作 报 告", "2019年政府工作报告", "政府工作報告", ""])
      expect(isGenericTitle(t), t).toBe(true);
    for (const t of ["2019年海拉尔区政府工作报告", "区委常委会工作报告（年份不详）"])
      expect(isGenericTitle(t), t).toBe(false);
    expect(reportLabel("海拉尔区", 2014)).toBe("海拉尔区 2014");
    expect(reportLabel("某区", null)).toBe("某区 ?");
  });

  it("names export files 兑现审计-2018年海拉尔区.csv, with RFC 5987 filename* and an ASCII fallback", () => {
    expect(exportFileStem({ year: 2018, region: "海拉尔区" })).toBe("2018年海拉尔区");
    expect(exportFileStem({ region: "XSS区<b>" })).toBe("XSS区_b_");
    expect(exportFileStem({ year: 2014 })).toBe("2014年");
    const header = contentDisposition("兑现审计-2018年海拉尔区.csv", "duixian-audit-pair-abc.csv");
    expect(header).toBe(
      `attachment; filename="duixian-audit-pair-abc.csv"; filename*=UTF-8''${encodeURIComponent("兑现审计-2018年海拉尔区.csv")}`,
    );
    expect(decodeURIComponent(header.split("filename*=UTF-8''")[1])).toBe(
      "兑现审计-2018年海拉尔区.csv",
    );
  });

  it("links pledges at the configured public address, else the request's", () => {
    expect(publicOrigin("http://localhost:3000/audit/x", "https://duixian.example.org/")).toBe(
      "https://duixian.example.org",
    );
    expect(publicOrigin("http://localhost:3000/audit/x", undefined)).toBe("http://localhost:3000");
    expect(publicOrigin("http://localhost:3000/audit/x", "not a url")).toBe(
      "http://localhost:3000",
    );
  });
});
