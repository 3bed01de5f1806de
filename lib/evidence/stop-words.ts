/**
 * Words that carry no identity in a work report: policy verbs, status words and fillers shared by
 * most pledges and evidence (加快, 推进, 建设, 发展, 工作, 全面, 进一步…). Their bigrams are dropped
 * from matching; the project names, places and indicators that remain decide the ranking.
 */
const WORDS = `
加快 推进 推动 促进 建设 发展 工作 全面 进一步 加强 加大 力度 实施 完成 确保 继续 积极 大力 不断 切实 深入 努力 力争
重点 重要 提高 提升 增强 完善 健全 落实 开展 做好 抓好 抓住 做大 做强 做优 做精 年内 全年 今年 年底 年末 当年 项目 工程
全力 着力 扎实 稳步 有效 实现 坚持 强化 创新 优化 建立 构建 打造 形成 逐步 显著 明显 取得 成效 成绩 水平 能力 体系 机制
问题 我区 全区 进展 顺利 投入 使用 开工 竣工 完工 投资 同比 增长 达到 以上 左右 以内 突破 其中 通过 进行 规模 质量 进程
步伐 各项 各类 一批 主要 相关 有关 年度 基本 初步 全部 任务 启动 前期 以及 方面 领域 新建 建成 改造 提档 升级 提档升级
目标 计划 总体 要求 保障 服务 管理 政府 群众 社会 经济 城市 全市 全国 自治区 国家 进一步 大幅 较快 快速 稳定 持续 保持
新的 更加 更好 更多 一步 不断 力度 积极 规范 组织 做到 认真 精心 高度 重视 支持 鼓励 引导 扶持 谋划 筹划 争取 工作者
方式 措施 政策 相关 有关 情况 进行 有力 有序 集中 全力以赴 为主 为重点 为核心 为契机 为目标 按照 围绕 依托 结合 利用
`
  .split(/\s+/)
  .filter(Boolean);

/** The stop words (folded, simplified). */
export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS);

const STOP_BIGRAMS = new Set<string>();
for (const w of WORDS) for (let i = 0; i + 2 <= w.length; i++) STOP_BIGRAMS.add(w.slice(i, i + 2));

/** True when a two-character term is (part of) a stop word and should not be matched. */
export function isStopBigram(bigram: string): boolean {
  return STOP_BIGRAMS.has(bigram);
}

/** Single characters that never start or join a name run (function words, measure words). */
export const FUNCTION_CHARS: ReadonlySet<string> = new Set(
  "的了和与及或等在对为将把被从向于以其之并而也又且个年月日元万亿千百第是有各该本全新".split(""),
);
