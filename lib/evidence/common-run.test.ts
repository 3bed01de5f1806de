import { describe, expect, it } from "vitest";
import { seededRandom } from "../seeded-random";
import {
  longestCommonHanRun,
  longestCommonHanRunAutomaton,
  longestCommonHanRunDp,
} from "./common-run";

describe("longest common run of Han characters", () => {
  it("finds names shared by a pledge and a unit, first in the pledge on ties", () => {
    expect(longestCommonHanRun("引进红星美凯龙主力店", "红星美凯龙主力店开业")).toEqual({
      length: 8,
      text: "红星美凯龙主力店",
    });
    expect(longestCommonHanRun("学校道路", "道路学校")).toEqual({ length: 2, text: "学校" });
    expect(longestCommonHanRun("新建3所", "3个")).toEqual({ length: 0, text: "" });
  });

  it("the suffix automaton gives exactly the dynamic programme's answer", () => {
    const rnd = seededRandom(12);
    const alphabet = ["新", "建", "学", "校", "路", "的", "1", ",", " "];
    const gen = (n: number, k: number) =>
      Array.from({ length: n }, () => alphabet[rnd.int(0, k - 1)]).join("");
    for (let i = 0; i < 3_000; i++) {
      const k = rnd.int(2, alphabet.length);
      const a = gen(rnd.int(0, 40), k);
      const b = gen(rnd.int(0, 40), k);
      expect(longestCommonHanRunAutomaton(a, b), `${a} | ${b}`).toEqual(
        longestCommonHanRunDp(a, b),
      );
    }
  });

  it("texts far too long for the table (200,000 characters each) are compared in linear steps", () => {
    const rnd = seededRandom(3);
    const han = "一二三四五六七八九十百千万亿年月日时分秒东南西北上下左右前后";
    const noise = (n: number) =>
      Array.from({ length: n }, () => han[rnd.int(0, han.length - 1)]).join(",");
    const name = "红星美凯龙主力店和万达广场综合体";
    const a = noise(100_000) + name + noise(100);
    const b = noise(100) + name + noise(100_000);
    expect(longestCommonHanRun(a, b).text).toContain(name);
  });
});
