import type { PledgeDto } from "./schema";

/**
 * A report's pledges as one compact JSON string, for the report page to hand its client
 * workspace. Passed as an array of objects, every pledge costs React's payload serialiser (and the
 * server-side renderer that reads the payload back) one visit per field, and repeats every field
 * name and every section id; as one string it is a single payload chunk and JSON.parse on the
 * client. Repeated values (section ids, topics, kinds, states, assignees) are stored once in a
 * dictionary and referenced by index. unpackPledges(packPledges(x)) deep-equals x.
 */
type PackedTarget =
  | 0
  | [
      value: number,
      valueMax: number | null,
      unit: string | null,
      comparator: string,
      growth: 0 | 1,
    ];
type PackedRow = [
  id: string,
  start: number,
  end: number,
  text: string,
  sectionId: number,
  topic: number,
  kind: number,
  status: number,
  reviewState: number,
  assigneeId: number,
  evidenceCount: number,
  version: number,
  position: number,
  target: PackedTarget,
  tier: number,
  tierReason: number,
  tierSource: number,
  excluded: 0 | 1,
  /** An analyst's title, or 0 when none (titles are rarely repeated: not in the dictionary). */
  title: string | 0,
];
type Packed = { d: string[]; r: PackedRow[] };

/** Packs pledges (only their PledgeDto fields) into a string for unpackPledges. */
export function packPledges(pledges: PledgeDto[]): string {
  const dict: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | null): number => {
    if (s === null) return -1;
    let i = index.get(s);
    if (i === undefined) {
      i = dict.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  const rows = pledges.map((p): PackedRow => [
    p.id,
    p.start,
    p.end,
    p.text,
    ref(p.sectionId),
    ref(p.topic),
    ref(p.kind),
    ref(p.status),
    ref(p.reviewState),
    ref(p.assigneeId),
    p.evidenceCount,
    p.version,
    p.position,
    p.target
      ? [
          p.target.value,
          p.target.valueMax,
          p.target.unit,
          p.target.comparator,
          p.target.growth ? 1 : 0,
        ]
      : 0,
    ref(p.tier),
    ref(p.tierReason),
    ref(p.tierSource),
    p.excluded ? 1 : 0,
    p.title === null ? 0 : p.title,
  ]);
  return JSON.stringify({ d: dict, r: rows } satisfies Packed);
}

/** The pledges packed by packPledges, in the same order. */
export function unpackPledges(packed: string): PledgeDto[] {
  const { d, r } = JSON.parse(packed) as Packed;
  const str = (i: number): string | null => (i < 0 ? null : d[i]);
  return r.map(
    ([
      id,
      start,
      end,
      text,
      sectionId,
      topic,
      kind,
      status,
      reviewState,
      assigneeId,
      evidenceCount,
      version,
      position,
      target,
      tier,
      tierReason,
      tierSource,
      excluded,
      title,
    ]) => ({
      id,
      start,
      end,
      text,
      sectionId: str(sectionId),
      topic: str(topic),
      kind: d[kind],
      target: target
        ? {
            value: target[0],
            valueMax: target[1],
            unit: target[2],
            comparator: target[3],
            growth: target[4] === 1,
          }
        : null,
      position,
      status: d[status],
      reviewState: d[reviewState],
      assigneeId: str(assigneeId),
      evidenceCount,
      version,
      tier: d[tier],
      tierReason: str(tierReason),
      tierSource: d[tierSource],
      excluded: excluded === 1,
      title: title === 0 ? null : title,
    }),
  );
}
