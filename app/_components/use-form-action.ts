"use client";
import { useActionState, useTransition } from "react";
import type { ActionResult } from "@/lib/app-error";

/**
 * Runs a `(prevState, formData)` server action from a form's onSubmit, keeping what the user typed
 * when the action fails (React resets forms submitted through `action={…}`, which loses input on a
 * validation error). The form is reset only on success.
 */
export function useFormAction<T>(
  action: (prev: unknown, form: FormData) => Promise<ActionResult<T>>,
): {
  state: ActionResult<T> | null;
  pending: boolean;
  onSubmit: (e: React.FormEvent<HTMLFormElement>) => void;
} {
  const [state, dispatch, running] = useActionState(action, null);
  const [transitioning, startTransition] = useTransition();
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    startTransition(async () => {
      dispatch(data);
    });
  }
  return { state, pending: running || transitioning, onSubmit };
}
