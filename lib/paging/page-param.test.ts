import { describe, expect, it } from "vitest";
import { pageSizeFrom, pageWindow, parsePageParam } from "./page-param";

describe("parsePageParam", () => {
  it("reads whole numbers from 1; no parameter is page 1", () => {
    expect(parsePageParam(undefined)).toEqual({ page: 1, invalid: null });
    expect(parsePageParam("1")).toEqual({ page: 1, invalid: null });
    expect(parsePageParam("37")).toEqual({ page: 37, invalid: null });
  });

  it.each(["", "0", "-1", "1.5", "abc", "1e3", " 2", "02", "9999999999", "２"])(
    "names no page with %j",
    (raw) => {
      expect(parsePageParam(raw)).toEqual({ page: null, invalid: raw });
    },
  );

  it("refuses a repeated parameter", () => {
    expect(parsePageParam(["1", "2"])).toEqual({ page: null, invalid: "1,2" });
  });
});

describe("pageSizeFrom", () => {
  it("reads DUIXIAN_PAGE_SIZE from 1 to 500, else 50", () => {
    expect(pageSizeFrom(undefined)).toBe(50);
    expect(pageSizeFrom("4")).toBe(4);
    expect(pageSizeFrom("500")).toBe(500);
    for (const bad of ["", "0", "501", "-3", "2.5", "x"]) expect(pageSizeFrom(bad)).toBe(50);
  });
});

describe("pageWindow", () => {
  it("pages 120 rows by 50 into 3 pages", () => {
    expect(pageWindow({ page: 1, invalid: null }, 120, 50)).toEqual({
      page: 1,
      pages: 3,
      total: 120,
      skip: 0,
      take: 50,
      invalid: null,
    });
    expect(pageWindow({ page: 3, invalid: null }, 120, 50)).toMatchObject({
      page: 3,
      skip: 100,
      invalid: null,
    });
  });

  it("clamps a page beyond the last to the last, and says so", () => {
    expect(pageWindow({ page: 9, invalid: null }, 120, 50)).toMatchObject({
      page: 3,
      pages: 3,
      skip: 100,
      invalid: "9",
    });
  });

  it("shows the first page for a value that names none", () => {
    expect(pageWindow({ page: null, invalid: "abc" }, 120, 50)).toMatchObject({
      page: 1,
      skip: 0,
      invalid: "abc",
    });
  });

  it("gives an empty list one page", () => {
    expect(pageWindow({ page: 1, invalid: null }, 0, 50)).toMatchObject({
      page: 1,
      pages: 1,
      skip: 0,
      invalid: null,
    });
    expect(pageWindow({ page: 2, invalid: null }, 0, 50)).toMatchObject({
      page: 1,
      pages: 1,
      invalid: "2",
    });
  });
});
