"use client";
import { useState } from "react";
import { useTranslator } from "@/lib/i18n/client";

/**
 * Asked when J, K or a prev/next link would leave the pledge with unsaved assessment edits: save
 * them and go, drop them and go, or stay (also Esc). "Save and go" is off when the edits cannot be
 * saved as they are (a verdict without its rationale), and says why.
 */
export function LeaveDialog({
  canSave,
  onSave,
  onDiscard,
  onStay,
}: {
  canSave: boolean;
  onSave: () => Promise<void>;
  onDiscard: () => void;
  onStay: () => void;
}) {
  const { t } = useTranslator();
  const [saving, setSaving] = useState(false);
  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby="leave-title"
      aria-describedby="leave-body"
      className="fixed inset-0 z-50 flex items-center justify-center bg-black/30 p-4"
      data-testid="leave-dialog"
    >
      <div className="card w-full max-w-md p-5">
        <h2 id="leave-title" className="mb-2 font-semibold">
          {t("keys.leave.title")}
        </h2>
        <p id="leave-body" className="text-sm text-stone-700">
          {t(canSave ? "keys.leave.body" : "keys.leave.cannotSave")}
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          <button
            type="button"
            className="btn btn-primary btn-sm"
            disabled={!canSave || saving}
            onClick={async () => {
              setSaving(true);
              await onSave();
            }}
          >
            {saving ? t("assessment.saving") : t("keys.leave.save")}
          </button>
          <button type="button" className="btn btn-sm" disabled={saving} onClick={onDiscard}>
            {t("keys.leave.discard")}
          </button>
          <button type="button" className="btn btn-sm" disabled={saving} onClick={onStay} autoFocus>
            {t("keys.leave.stay")}
          </button>
        </div>
      </div>
    </div>
  );
}
