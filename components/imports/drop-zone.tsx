"use client";

import { useRef, useState, type DragEvent } from "react";

export const ACCEPTED_FILES = ".jsonl,.json,.ndjson,.csv,.gz,application/x-ndjson,text/csv,application/gzip";

/** A file target for drag and drop that is also a button opening the file picker (Enter or Space). */
export function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`rounded-lg border-2 border-dashed p-6 text-center ${over ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-white"}`}
    >
      <p className="text-slate-700">Drop a file here, or</p>
      <button
        type="button"
        disabled={disabled}
        onClick={() => input.current?.click()}
        className="mt-2 rounded border border-slate-300 px-3 py-1.5 font-medium text-indigo-700 hover:bg-slate-50"
      >
        Choose a file
      </button>
      <p className="mt-2 text-sm text-slate-500">HH-RLHF, Preflab JSONL, TRL preference or CSV; gzip accepted; up to 1 GB.</p>
      <input
        ref={input}
        type="file"
        aria-label="File to import"
        accept={ACCEPTED_FILES}
        className="sr-only"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
