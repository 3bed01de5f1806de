/**
 * Words that tell how far a pledge got, in a pledge (what it asks for) and in evidence (what the
 * review says happened): 建成, 完成, 投用, 通车 (done) versus 开工, 启动 (started) versus 推进中,
 * 前期工作, 主体完工 (in progress); and the review's own admissions (没有完成, 未达到预期, 差距),
 * the strongest evidence there is. Works on folded (simplified) text.
 */

export type Stage = "done" | "started" | "progress";

/** What a pledge asks for: a finished result, a start, or only to push something forward. */
export type Demand = "complete" | "start" | "push";

/** Admissions of a shortfall in the review's own words. */
const ADMISSION =
  /(没有完成|未完成|未能完成|未能|未达到|没有达到|未达预期|低于预期|不及预期|尚未|仍未|差距较大|存在差距|有差距|滞后|不到位|进展缓慢|推进缓慢|没有实现|未实现|未如期|未按期|延期)/;

/** Progress that is not yet the result (checked before DONE so that 主体完工 is not 完工). */
const PROGRESS =
  /(主体完工|主体工程完工|主体封顶|封顶|基本完工|土建工程|前期工作|前期|进展顺利|扎实推进|加快推进|加快建设|加速推进|顺利推进|稳步推进|有序推进|持续推进|深入推进|推进|进入[^，。]{0,6}程序|完成投资|签约|落地|选址|加快|规划|在建|正在|进展|展开|实施|开展|初具规模|日益完善)/;

const STARTED = /(开工建设|开工|动工|开建|启动实施|启动|全面展开|破土)/;

const DONE =
  /(建成|竣工|完工|投入使用|投用|投入运营|运营|营业|通车|开通|开放|挂牌|获批|批准|成功举办|举办|荣获|获得|授予|达标|收官|全面完成|全部完成|顺利完成|如期完成|超额完成|圆满完成|完成|实现|设立|成立|出台|制定|印发|办理|晋升|通过验收|验收|入住|交付|覆盖|解决)/;

/** Completions strong enough to settle a numeric pledge whose figure is not reported (全部完成, 全部达标). */
const WHOLE =
  /(全部完成|全面完成|如期完成|超额完成|圆满完成|全部达标|全部建成|全部投入使用|全部竣工|全部完工|任务全面完成|全面收官)/;

const DEMAND_COMPLETE =
  /(建成|完成|竣工|完工|投入使用|投用|投入运营|运营|投产|通车|开通|开放|核准|晋升|落户|挂牌|全覆盖|达标|申报为|创建|实现|办好|举办|解决)/;
const DEMAND_START = /(启动|开工|动工|开建)/;

export interface Cue {
  stage: Stage | "admission";
  /** The cue word as written (folded) and where it stands in the text. */
  word: string;
  at: number;
}

/** What the pledge asks for, from its verbs: 建成/完成/投用… complete; 启动/开工 start; else push. */
export function pledgeDemand(folded: string): Demand {
  // "加快推进前期工作，力争年内开工建设": the end point named is the start
  if (DEMAND_COMPLETE.test(folded.replace(/完成(投资)?[\d.]+[万亿]?元/g, ""))) return "complete";
  if (DEMAND_START.test(folded)) return "start";
  return "push";
}

/** The strongest stage the evidence states (admission over done over started over progress), or null. */
export function evidenceCue(folded: string): Cue | null {
  const adm = ADMISSION.exec(folded);
  if (adm) return { stage: "admission", word: adm[0], at: adm.index };
  // mask progress phrases so that 主体完工 / 完成投资 do not read as done
  const masked = folded.replace(new RegExp(PROGRESS.source, "g"), (m) => "\u0000".repeat(m.length));
  const done = DONE.exec(masked);
  if (done) return { stage: "done", word: done[0], at: done.index };
  const started = STARTED.exec(folded);
  if (started) return { stage: "started", word: started[0], at: started.index };
  const progress = PROGRESS.exec(folded);
  if (progress) return { stage: "progress", word: progress[0], at: progress.index };
  return null;
}

/** True when the evidence states a whole completion (全部完成, 全部达标…). */
export function wholeCompletion(folded: string): string | null {
  return WHOLE.exec(folded)?.[0] ?? null;
}
