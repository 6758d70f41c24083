"use client";

import type { KeyboardEvent } from "react";

export function RationaleBox({
  mode,
  minLength,
  value,
  disabled,
  onChange,
  onSubmit,
}: {
  mode: "OPTIONAL" | "REQUIRED";
  minLength: number;
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
  onSubmit: () => void;
}) {
  const minimum = mode === "REQUIRED" ? Math.max(1, minLength) : 0;
  const length = value.trim().length;
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };
  return (
    <label className="mt-4 block text-sm">
      <span className="font-medium">
        Why?{" "}
        {mode === "REQUIRED" ? (
          <span className="text-red-700">(required{minimum > 1 ? `, at least ${minimum} characters` : ""})</span>
        ) : (
          <span className="text-slate-500">(optional)</span>
        )}
      </span>
      <textarea
        id="rationale"
        value={value}
        disabled={disabled}
        maxLength={10_000}
        rows={3}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby="rationale-count"
        className="mt-1 w-full rounded border border-slate-300 p-2"
      />
      <span id="rationale-count" className={`text-xs ${length < minimum ? "text-red-700" : "text-slate-500"}`}>
        {length} characters{minimum > 0 ? ` of at least ${minimum}` : ""} · Ctrl+Enter submits
      </span>
    </label>
  );
}
