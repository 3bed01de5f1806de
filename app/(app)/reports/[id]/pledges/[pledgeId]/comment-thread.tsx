"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { addCommentAction } from "@/lib/assessments/actions";
import type { CommentDto } from "@/lib/assessments/schema";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import { useActionErrorText } from "@/app/_components/action-error-text";
import { formatTime } from "@/app/_components/assessment-badges";
import { roleLabel } from "@/lib/i18n/vocabulary";

/** A pledge's discussion, oldest first (return reasons marked), with a form to add a comment. */
export function CommentThread({
  pledgeId,
  comments,
  canComment,
}: {
  pledgeId: string;
  comments: CommentDto[];
  canComment: boolean;
}) {
  const { t } = useTranslator();
  const errorText = useActionErrorText();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [body, setBody] = useState("");
  const [error, setError] = useState<ActionError | null>(null);

  return (
    <section className="card p-4" aria-labelledby="comments-title" data-testid="comment-thread">
      <h2 id="comments-title" className="mb-2 font-semibold">
        {t("comments.title")} <span className="text-stone-400">({comments.length})</span>
      </h2>
      {comments.length === 0 ? (
        <p className="text-sm text-stone-500">{t("comments.empty")}</p>
      ) : null}
      <ol className="space-y-2">
        {comments.map((c) => (
          <li
            key={c.id}
            data-testid="comment"
            data-kind={c.kind}
            className={`rounded-md border p-2 text-sm ${c.kind === "return" ? "border-amber-300 bg-amber-50" : "border-stone-200"}`}
          >
            <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-stone-500">
              <span className="font-medium text-stone-800">
                {c.author?.name ?? t("history.system")}
              </span>
              {c.author ? (
                <span className="badge bg-stone-100 text-stone-600">
                  {roleLabel(t, c.author.role)}
                </span>
              ) : null}
              {c.kind === "return" ? (
                <span className="badge bg-amber-500 text-white">{t("comments.returnBadge")}</span>
              ) : null}
              <time className="ml-auto tabular-nums" dateTime={c.createdAt}>
                {formatTime(c.createdAt)}
              </time>
            </div>
            <p className="leading-relaxed wrap-anywhere whitespace-pre-wrap">{c.body}</p>
          </li>
        ))}
      </ol>
      {canComment ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            startTransition(async () => {
              const res = await addCommentAction({ pledgeId, body });
              if (res.ok) {
                setBody("");
                setError(null);
                router.refresh();
              } else setError(res);
            });
          }}
        >
          <label className="sr-only" htmlFor="comment-body">
            {t("comments.placeholder")}
          </label>
          <textarea
            id="comment-body"
            className="input h-16"
            placeholder={t("comments.placeholder")}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          {error ? (
            <p role="alert" className="text-sm text-red-700">
              {errorText(error)}
            </p>
          ) : null}
          <button className="btn btn-sm" disabled={pending || body.trim() === ""}>
            {t("comments.add")}
          </button>
        </form>
      ) : (
        <p className="mt-2 text-xs text-stone-500">{t("comments.readOnly")}</p>
      )}
    </section>
  );
}
