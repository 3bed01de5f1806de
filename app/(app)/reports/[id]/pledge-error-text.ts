"use client";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import { isMessageKey } from "@/lib/i18n/messages";
import type { PledgeDto } from "@/lib/pledges/schema";
import { useActionErrorText } from "@/app/_components/action-error-text";

/**
 * The translated message of a failed pledge action. An overlap names the pledge it overlaps (its
 * number in the list and its text); a validation error names its field's message; otherwise the
 * generic message of the code.
 */
export function usePledgeErrorText(
  pledges: PledgeDto[],
): (error: ActionError | null | undefined) => string | null {
  const { t } = useTranslator();
  const generic = useActionErrorText();
  return (error) => {
    if (!error) return null;
    const overlap = error.fieldErrors?.overlapWith;
    if (error.message === "PLEDGE_OVERLAP" && overlap) {
      const index = pledges.findIndex((p) => p.id === overlap[0]);
      const text = overlap[1] ?? "";
      return t("report.error.overlap", {
        n: index >= 0 ? index + 1 : "?",
        text: text.length > 40 ? `${text.slice(0, 40)}…` : text,
      });
    }
    if (!error.message && error.fieldErrors) {
      for (const messages of Object.values(error.fieldErrors)) {
        const key = `field.${messages[0]}`;
        if (isMessageKey(key)) return t(key);
      }
    }
    return generic(error);
  };
}
