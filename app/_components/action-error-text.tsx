"use client";
import type { ActionError } from "@/lib/app-error";
import { useTranslator } from "@/lib/i18n/client";
import { isMessageKey } from "@/lib/i18n/messages";

/** The translated message of a failed action: the field message when it names one, else the code's. */
export function useActionErrorText(): (error: ActionError | null | undefined) => string | null {
  const { t } = useTranslator();
  return (error) => {
    if (!error) return null;
    const fieldKey = error.message ? `field.${error.message}` : "";
    if (isMessageKey(fieldKey)) return t(fieldKey);
    return t(`error.${error.code}`);
  };
}

/** The translated first error of a form field, if any. */
export function FieldError({
  error,
  name,
}: {
  error: ActionError | null | undefined;
  name: string;
}) {
  const { t } = useTranslator();
  const code = error?.fieldErrors?.[name]?.[0];
  if (!code) return null;
  const key = `field.${code}`;
  return (
    <p className="mt-1 text-xs text-red-700" role="alert">
      {isMessageKey(key) ? t(key) : t("error.INVALID_INPUT")}
    </p>
  );
}
