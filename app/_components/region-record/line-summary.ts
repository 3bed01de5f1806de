import type { PledgeLine } from "@/lib/lineage/line";
import type { Translate } from "@/lib/i18n/messages";
import { statusLabel } from "@/lib/i18n/vocabulary";

/**
 * A line in one sentence: "first promised 2014 · repeated 2015, 2016 · assessed unfulfilled 2014,
 * partial 2015" (Chinese: 首次提出 2014 · 再次提出 2015、2016 · 评估：未兑现 2014、部分兑现 2015).
 */
export function lineSummary(line: PledgeLine, t: Translate, locale: "zh" | "en"): string {
  const sep = locale === "zh" ? "、" : ", ";
  const [first, ...rest] = line.years;
  const parts = [t("lineage.first", { year: first })];
  if (rest.length) parts.push(t("lineage.repeated", { years: rest.join(sep) }));
  const assessed = line.nodes.filter((n) => n.status !== "not_assessed");
  parts.push(
    assessed.length
      ? t("lineage.assessed", {
          list: assessed
            .map((n) => t("lineage.item", { status: statusLabel(t, n.status), year: n.year }))
            .join(sep),
        })
      : t("lineage.notAssessed"),
  );
  return parts.join(" · ");
}
