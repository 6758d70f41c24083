"use client";

import { useState } from "react";
import type { FlagOption } from "@/lib/judgment-scales";

const inputClass = "rounded border border-slate-300 px-2 py-1 text-sm";

/** An editable list of per-response flags ({id, label}), sent to the server as one JSON field. */
export function FlagListEditor({ defaultValue }: { defaultValue: FlagOption[] }) {
  const [flags, setFlags] = useState(defaultValue);
  const change = (index: number, patch: Partial<FlagOption>) => setFlags(flags.map((flag, i) => (i === index ? { ...flag, ...patch } : flag)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">Flags workers can set on a response</legend>
      <input type="hidden" name="flagOptions" value={JSON.stringify(flags)} />
      {flags.length === 0 && <p className="text-sm text-slate-500">No flags.</p>}
      <ul className="space-y-2">
        {flags.map((flag, index) => (
          <li key={index} className="flex flex-wrap items-center gap-2">
            <input
              aria-label={`Flag ${index + 1} id`}
              value={flag.id}
              placeholder="harmful"
              onChange={(event) => change(index, { id: event.target.value })}
              className={`${inputClass} w-36 font-mono`}
            />
            <input
              aria-label={`Flag ${index + 1} label`}
              value={flag.label}
              placeholder="Harmful"
              onChange={(event) => change(index, { label: event.target.value })}
              className={`${inputClass} w-52`}
            />
            <button type="button" onClick={() => setFlags(flags.filter((_, i) => i !== index))} className="text-sm text-red-700 underline">
              Remove flag {index + 1}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setFlags([...flags, { id: "", label: "" }])} className="text-sm text-indigo-700 underline">
        Add a flag
      </button>
    </fieldset>
  );
}
