import { describe, expect, it } from "vitest";
import {
  applySetCookies,
  assertLocalTarget,
  flightData,
  parseActionResult,
  pledgeIdsInReportPage,
  pledgeLinksIn,
  reportIdsIn,
} from "./http-session";

describe("assertLocalTarget", () => {
  it("accepts http://127.0.0.1 with a port, as an origin", () => {
    expect(assertLocalTarget("http://127.0.0.1:3303").origin).toBe("http://127.0.0.1:3303");
    expect(assertLocalTarget("http://127.0.0.1:3303/").origin).toBe("http://127.0.0.1:3303");
  });
  it("refuses every other host, scheme, path or credentials", () => {
    for (const bad of [
      "http://localhost:3000",
      "http://example.com",
      "http://10.0.0.1:3000",
      "http://127.0.0.2:3000",
      "http://[::1]:3000",
      "https://127.0.0.1:3000",
      "http://127.0.0.1.example.com",
      "http://user:pw@127.0.0.1:3000",
      "http://127.0.0.1:3000/reports",
      "127.0.0.1:3000",
      "",
    ]) {
      expect(() => assertLocalTarget(bad), bad).toThrow();
    }
  });
});

describe("applySetCookies", () => {
  it("keeps the name=value of each cookie and drops deleted ones", () => {
    const jar = new Map([["old", "1"]]);
    applySetCookies(jar, [
      "next-auth.session-token=abc.def; Path=/; HttpOnly; SameSite=Lax",
      "next-auth.csrf-token=x%7Cy; Path=/",
      "old=; Max-Age=0; Path=/",
    ]);
    expect([...jar]).toEqual([
      ["next-auth.session-token", "abc.def"],
      ["next-auth.csrf-token", "x%7Cy"],
    ]);
  });
});

describe("parseActionResult", () => {
  it("finds the result row of a server action's RSC response", () => {
    const ok =
      '0:{"a":"$@1","f":"","b":"abc"}\n1:{"ok":true,"data":{"version":4,"reviewState":"draft","reopened":false}}\n';
    expect(parseActionResult(ok)).toEqual({
      ok: true,
      data: { version: 4, reviewState: "draft", reopened: false },
    });
    const failed =
      '0:{"a":"$@1","f":"","b":"abc"}\n1:{"ok":false,"code":"CONFLICT","message":"ASSESSMENT_STALE"}\n';
    expect(parseActionResult(failed)).toEqual({
      ok: false,
      code: "CONFLICT",
      message: "ASSESSMENT_STALE",
    });
  });
  it("is null for a response without one", () => {
    expect(parseActionResult("<!DOCTYPE html><html>…</html>")).toBeNull();
    expect(parseActionResult('0:{"a":"$@1"}\n1:"$undefined"\n')).toBeNull();
  });
});

describe("page parsing", () => {
  it("joins the RSC payload strings embedded in a server-rendered page", () => {
    const html = `<script>self.__next_f.push([1,"1:{\\"pledgeId\\":\\"p1\\",\\"q\\":\\"引号\\\\\\"\\"}"])</script><script>self.__next_f.push([1,"\\n2:[]"])</script>`;
    expect(flightData(html)).toBe('1:{"pledgeId":"p1","q":"引号\\""}\n2:[]');
  });
  it("collects report ids and pledge links from hrefs", () => {
    const html =
      '<a href="/reports/import">x</a><a href="/reports/cmabc123">A</a><a href="/reports/cmabc123">A</a><a href="/reports/cmdef456/pledges/cmp0001">p</a>';
    expect(reportIdsIn(html)).toEqual(["cmabc123"]);
    expect(pledgeLinksIn(html)).toEqual([{ reportId: "cmdef456", pledgeId: "cmp0001" }]);
  });
  it("finds the pledge ids of a report page in the marks of its source pane", () => {
    const html =
      '<div data-source-root data-length="40"><section data-region="plan" data-label="工作安排"><span data-offset="0">一、</span>' +
      '<mark data-offset="10" data-pid="cmP1abc" data-kind="policy">稳就业</mark><span data-offset="13">，</span>' +
      '<mark data-offset="14" data-pid="cmP2abc" data-kind="project" data-h="2">保民生</mark><mark data-offset="17" data-pid="cmP1abc">续</mark></section></div>' +
      '<li id="pledge-cmP9zzz" data-pid="cmP9zzz"></li>';
    expect(pledgeIdsInReportPage(html)).toEqual(["cmP1abc", "cmP2abc"]);
  });
});
