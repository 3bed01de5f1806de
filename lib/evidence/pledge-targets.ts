/**
 * The checkable figures of a pledge: its parsed (or analyst-set) target first, then the other
 * figures its words set (地区生产总值增长20%，达到282亿元 has two; 完成3800户、58万平方米棚户区改造
 * has two). Figures that are not outcomes are left out: the budget a work is done with (投资1.3亿元
 * 实施…), durations (土地承包延长30年), the size of a named set a pledge only pushes forward
 * (加快…等17条铁路项目建设), and what lib/report already skips (ordinals 第八届, sets of
 * rules 八项规定, names in quotes, capacity specs in names).
 */
import { normalizeForSearch as foldForMatch } from "../report/script";
import {
  locateQuantity,
  locateTarget,
  parseTargetFromText,
  type LocatedTarget,
  type NumericTarget,
} from "./compare-numbers";
import { extractQuantities, type Quantity } from "./extract-quantities";
import { pledgeDemand } from "./verdict-cues";

/** A budget spent on the work rather than a result: 投资1.3亿元实施…, 安排资金2000万元用于… (完成投资 stays a target). */
function isMeans(folded: string, q: Quantity): boolean {
  if (q.unit !== "元" && q.unit !== "美元") return false;
  const lead = folded.slice(Math.max(0, q.start - 6), q.start);
  return (
    /(投资|投入|筹措|筹集|安排|资金|总投资|计划投资)$/.test(lead) && !/完成(投资)?$/.test(lead)
  );
}

/**
 * The size of a named set the pledge only pushes forward (加快京沪高速、京石客运专线等17条铁路项目建设,
 * 发挥满洲里等7个口岸作用): it says which things, not how many to finish.
 */
function isSetSize(folded: string, q: Quantity, demand: ReturnType<typeof pledgeDemand>): boolean {
  return demand === "push" && folded[q.start - 1] === "等";
}

/** A count lib/report cannot read: a magnitude right before the noun it counts (90万贫困人口). */
function isBareCount(folded: string, q: Quantity): boolean {
  return /^\d+(\.\d+)?[万亿]$/.test(folded.slice(q.start, q.end));
}

function isDuration(q: Quantity): boolean {
  return q.unit === "年" || q.unit === "个月";
}

/**
 * The targets of a pledge, each located in its text (locateTarget). `target`: undefined reads them
 * all from the text; null (none parsed, or cleared) checks only the counts lib/report cannot read;
 * a target (or list) is checked first, followed by the text's other outcome figures.
 */
export function pledgeTargets(
  text: string,
  target?: NumericTarget | NumericTarget[] | null,
): LocatedTarget[] {
  const folded = foldForMatch(text);
  const all = extractQuantities(folded);
  // no target: lib/report found none (or the analyst cleared it); only the counts it cannot read,
  // a magnitude before the noun counted (解决90万贫困人口温饱问题), are checked
  if (target === null) {
    return all.flatMap((q, i) =>
      q.start === q.end || !isBareCount(folded, q) ? [] : [locateQuantity(q, text, folded, all, i)],
    );
  }
  const explicit = target === undefined ? [] : Array.isArray(target) ? target : [target];
  const out: LocatedTarget[] = [];
  for (const t of explicit) {
    const located = locateTarget(t, text);
    if (!located || located.start === undefined) {
      if (located) out.push(located);
      continue;
    }
    const q = all.find((x) => x.start === located.start);
    // a multi-year target (年均增长8%) is not the year's; the size of a named set pushed forward neither
    if (q?.cumulative || (folded[located.start - 1] === "等" && pledgeDemand(folded) === "push"))
      continue;
    out.push(located);
  }
  // without a target of its own, a pledge whose main figure lib/report would not take has none
  if (target === undefined && parseTargetFromText(text) === null) return out;
  const taken = new Set(out.map((o) => o.start));
  const demand = pledgeDemand(folded);
  all.forEach((q, i) => {
    if (
      isMeans(folded, q) ||
      isDuration(q) ||
      q.cumulative ||
      isSetSize(folded, q, demand) ||
      taken.has(q.start)
    )
      return;
    out.push(locateQuantity(q, text, folded, all, i));
  });
  return out;
}
