"use client";
import { useRef, useState } from "react";
import { importReportAction, previewImportAction } from "@/lib/reports/actions";
import type { ImportPreview } from "@/lib/reports/import";
import { useTranslator } from "@/lib/i18n/client";
import type { ImportJobDto } from "@/lib/imports/schema";
import { ImportCard, type ImportItem } from "./import-card";
import { BatchImport } from "./batch/batch-import";

const MAX_BYTES = 20 * 1024 * 1024;

/** Upload or paste reports, preview what was detected, correct it, save each report; or import a batch. */
export function ImportWorkbench({
  initialJob,
  initialTab,
}: {
  initialJob: ImportJobDto | null;
  initialTab: "upload" | "batch";
}) {
  const { t } = useTranslator();
  const [tab, setTab] = useState<"upload" | "paste" | "batch">(initialTab);
  const [items, setItems] = useState<ImportItem[]>([]);
  const [pasted, setPasted] = useState("");
  const nextKey = useRef(0);
  const [handoff, setHandoff] = useState<File[] | null>(null);

  function update(key: number, patch: Partial<ImportItem>) {
    setItems((all) => all.map((it) => (it.key === key ? { ...it, ...patch } : it)));
  }

  async function preview(item: ImportItem) {
    setItems((all) => [item, ...all]);
    if (item.source.kind === "file" && item.source.file.size > MAX_BYTES) {
      update(item.key, { status: "error", errorCode: "TOO_LARGE" });
      return;
    }
    const form = new FormData();
    if (item.source.kind === "file") form.set("file", item.source.file);
    else form.set("text", item.source.text);
    try {
      const res = await previewImportAction(form);
      if (res.ok) update(item.key, { status: "ready", preview: res.data as ImportPreview });
      else update(item.key, { status: "error", errorCode: res.message ?? res.code });
    } catch {
      update(item.key, { status: "error", errorCode: "INTERNAL" });
    }
  }

  function onFiles(files: FileList | null) {
    const all = Array.from(files ?? []);
    // A .zip is a batch: it goes to the batch tab, with the files chosen beside it.
    if (all.some((f) => /\.zip$/i.test(f.name))) {
      setHandoff(all);
      setTab("batch");
      return;
    }
    for (const file of all) {
      void preview({
        key: nextKey.current++,
        label: file.name,
        source: { kind: "file", file },
        status: "parsing",
      });
    }
  }

  function onPastePreview() {
    if (!pasted.trim()) return;
    void preview({
      key: nextKey.current++,
      label: t("import.tab.paste"),
      source: { kind: "text", text: pasted },
      status: "parsing",
    });
  }

  async function save(item: ImportItem, meta: Record<string, string>) {
    update(item.key, { status: "saving", fieldErrors: undefined, errorCode: undefined });
    const form = new FormData();
    if (item.source.kind === "file") form.set("file", item.source.file);
    else form.set("text", item.source.text);
    for (const [k, v] of Object.entries(meta)) form.set(k, v);
    try {
      const res = await importReportAction(form);
      if (res.ok) update(item.key, { status: "saved", saved: res.data });
      else if (res.code === "DUPLICATE")
        update(item.key, { status: "ready", errorCode: "DUPLICATE", duplicateId: res.message });
      else
        update(item.key, {
          status: "ready",
          errorCode: res.fieldErrors ? undefined : (res.message ?? res.code),
          fieldErrors: res.fieldErrors,
        });
    } catch {
      update(item.key, { status: "ready", errorCode: "INTERNAL" });
    }
  }

  return (
    <div className="space-y-4">
      <div className="card p-4">
        <div role="tablist" className="mb-3 flex gap-1 border-b border-stone-200">
          {(["upload", "paste", "batch"] as const).map((k) => (
            <button
              key={k}
              role="tab"
              type="button"
              aria-selected={tab === k}
              onClick={() => setTab(k)}
              className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${tab === k ? "border-brand-600 text-brand-700" : "border-transparent text-stone-500 hover:text-stone-800"}`}
            >
              {t(
                k === "upload"
                  ? "import.tab.upload"
                  : k === "paste"
                    ? "import.tab.paste"
                    : "import.tab.batch",
              )}
            </button>
          ))}
        </div>
        {tab === "batch" ? (
          <BatchImport
            initialJob={initialJob}
            initialFiles={handoff}
            onFilesTaken={() => setHandoff(null)}
          />
        ) : tab === "upload" ? (
          <div>
            <label className="btn btn-primary cursor-pointer">
              {t("import.chooseFiles")}
              <input
                type="file"
                multiple
                accept=".txt,.html,.htm,.zip,text/plain,text/html,application/zip"
                className="sr-only"
                data-testid="import-file-input"
                onChange={(e) => {
                  onFiles(e.target.files);
                  e.target.value = "";
                }}
              />
            </label>
            <p className="mt-2 text-xs text-stone-500">{t("import.fileHint")}</p>
          </div>
        ) : (
          <div className="space-y-2">
            <textarea
              className="input h-48 font-mono text-xs"
              placeholder={t("import.pastePlaceholder")}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              aria-label={t("import.tab.paste")}
            />
            <button
              type="button"
              className="btn btn-primary"
              disabled={!pasted.trim()}
              onClick={onPastePreview}
            >
              {t("import.preview")}
            </button>
          </div>
        )}
      </div>
      {items.map((item) => (
        <ImportCard
          key={item.key}
          item={item}
          onSave={(meta) => save(item, meta)}
          onRemove={() => setItems((all) => all.filter((x) => x.key !== item.key))}
        />
      ))}
    </div>
  );
}
