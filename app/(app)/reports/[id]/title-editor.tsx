"use client";
import { useState } from "react";
import { setPledgeTitleAction } from "@/lib/pledges/actions";
import { MAX_PLEDGE_TITLE, type PledgeDto } from "@/lib/pledges/schema";
import { useTranslator } from "@/lib/i18n/client";
import type { EditorBase, RunAction } from "./pledge-editor";

/** An analyst's short title for the selected pledge (blank clears it); the source text is untouched. */
export function TitleEditor({
  base,
  pledge,
  run,
  pending,
  onSaved,
}: {
  base: EditorBase;
  pledge: PledgeDto;
  run: RunAction;
  pending: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslator();
  const [title, setTitle] = useState(pledge.title ?? "");
  const changed = title.trim() !== (pledge.title ?? "");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed)
          run(() => setPledgeTitleAction({ ...base, title: title.trim() || null }), onSaved);
      }}
    >
      <div className="min-w-48 flex-1">
        <label className="label" htmlFor={`title-${pledge.id}`}>
          {t("tiers.edit.title")}
        </label>
        <input
          id={`title-${pledge.id}`}
          className="input py-1 text-xs"
          value={title}
          maxLength={MAX_PLEDGE_TITLE}
          placeholder={t("tiers.edit.titleHint")}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="title-input"
        />
      </div>
      <button
        type="submit"
        className="btn btn-sm"
        disabled={pending || !changed}
        data-testid="title-save"
      >
        {t("tiers.edit.saveTitle")}
      </button>
    </form>
  );
}
