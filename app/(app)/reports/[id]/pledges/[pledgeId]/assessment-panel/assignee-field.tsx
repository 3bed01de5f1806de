"use client";
import type { AssessmentDto, PersonDto } from "@/lib/assessments/schema";
import { useTranslator } from "@/lib/i18n/client";
import { roleLabel } from "@/lib/i18n/vocabulary";

/** Who the pledge is assigned to: a picker for those who may assign (each change is one audited step), else the name. */
export function AssigneeField({
  assessment: a,
  canAssign,
  assignableUsers,
  pending,
  onAssign,
}: {
  assessment: AssessmentDto;
  canAssign: boolean;
  assignableUsers: PersonDto[];
  pending: boolean;
  onAssign: (id: string | null) => void;
}) {
  const { t } = useTranslator();
  if (!canAssign && !a.assignee) return null;
  return (
    <div className="flex items-center gap-2 border-t border-stone-100 pt-3">
      <label className="text-xs font-medium text-stone-600" htmlFor="assessment-assignee">
        {t("assessment.assignee")}
      </label>
      {canAssign ? (
        <select
          id="assessment-assignee"
          className="input w-auto py-1"
          value={a.assignee?.id ?? ""}
          disabled={pending}
          onChange={(e) => onAssign(e.target.value || null)}
        >
          <option value="">{t("assessment.unassigned")}</option>
          {assignableUsers.map((u) => (
            <option key={u.id} value={u.id}>{`${u.name}（${roleLabel(t, u.role)}）`}</option>
          ))}
          {a.assignee && !assignableUsers.some((u) => u.id === a.assignee!.id) ? (
            <option value={a.assignee.id}>{a.assignee.name}</option>
          ) : null}
        </select>
      ) : (
        <span id="assessment-assignee" className="text-sm">
          {a.assignee?.name}
        </span>
      )}
    </div>
  );
}
