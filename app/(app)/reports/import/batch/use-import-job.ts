"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  addImportFilesAction,
  cancelImportJobAction,
  getImportJobAction,
  startImportJobAction,
  updateImportFileAction,
} from "@/lib/imports/actions";
import type { ImportJobDto, UpdateImportFileInput } from "@/lib/imports/schema";

const POLL_MS = 1_000;
/** Bytes per upload request: under the server's 25 MB body cap, with room for the form's framing. */
const REQUEST_BYTES = 15 * 1024 * 1024;

type Failure = { code: string; message?: string };

/**
 * The behaviour of the batch import: uploads dropped files into a job (several requests when they
 * are many), remembers the job in the address (?job=…) so a reload finds it, polls it while the
 * server reads or imports, and sends the table's corrections, start and cancel.
 */
export function useImportJob(initial: ImportJobDto | null) {
  const [job, setJob] = useState<ImportJobDto | null>(initial);
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<Failure | null>(null);
  const jobId = useRef<string | null>(initial?.id ?? null);

  const refresh = useCallback(async () => {
    if (!jobId.current) return;
    const res = await getImportJobAction({ jobId: jobId.current });
    if (res.ok) setJob(res.data);
  }, []);

  const working = uploading !== null || job?.state === "analysing" || job?.state === "importing";
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => void refresh().catch(() => undefined), POLL_MS);
    return () => clearInterval(timer);
  }, [working, refresh]);

  async function upload(files: File[]) {
    setError(null);
    // A batch past checking takes no more files: these start a new one.
    if (job && job.state !== "analysing" && job.state !== "review") jobId.current = null;
    // Groups of files that each fit one request.
    const groups: File[][] = [];
    let size = 0;
    for (const f of files) {
      if (
        !groups.length ||
        size + f.size > REQUEST_BYTES ||
        groups[groups.length - 1].length >= 100
      ) {
        groups.push([]);
        size = 0;
      }
      groups[groups.length - 1].push(f);
      size += f.size;
    }
    setUploading({ done: 0, total: files.length });
    let done = 0;
    try {
      for (const group of groups) {
        const form = new FormData();
        if (jobId.current) form.set("jobId", jobId.current);
        for (const f of group) form.append("file", f);
        const res = await addImportFilesAction(form);
        if (!res.ok) {
          setError({ code: res.code, message: res.message });
          break;
        }
        if (jobId.current !== res.data.jobId) {
          jobId.current = res.data.jobId;
          window.history.replaceState(null, "", `?job=${res.data.jobId}`);
        }
        done += group.length;
        setUploading({ done, total: files.length });
        await refresh();
      }
    } catch {
      setError({ code: "INTERNAL" });
    } finally {
      setUploading(null);
    }
  }

  async function call(res: Promise<{ ok: true } | { ok: false; code: string; message?: string }>) {
    setError(null);
    try {
      const r = await res;
      if (!r.ok) setError({ code: r.code, message: r.message });
    } catch {
      setError({ code: "INTERNAL" });
    }
    await refresh();
  }

  return {
    job,
    uploading,
    error,
    upload,
    update: (input: Omit<UpdateImportFileInput, "jobId">) =>
      jobId.current
        ? call(updateImportFileAction({ ...input, jobId: jobId.current }))
        : Promise.resolve(),
    start: () =>
      jobId.current ? call(startImportJobAction({ jobId: jobId.current })) : Promise.resolve(),
    cancel: () =>
      jobId.current ? call(cancelImportJobAction({ jobId: jobId.current })) : Promise.resolve(),
    reset: () => {
      jobId.current = null;
      setJob(null);
      setError(null);
      window.history.replaceState(null, "", "?tab=batch");
    },
  };
}
