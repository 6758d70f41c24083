"use client";

import { MAX_CANDIDATES, MIN_CANDIDATES } from "@/lib/formats/item";

export type MappingDraft = { prompt: string; id: string; reference: string; explanation: string; responses: { text: string; model: string }[] };

const RESPONSE_NAMES = /response|answer|completion|output|chosen|rejected|reply/i;

/** A first guess from the header: a prompt-like column for the prompt, response-like ones after it. */
export function guessMapping(columns: string[]): MappingDraft {
  const prompt = columns.find((c) => /prompt|question|instruction|input/i.test(c)) ?? columns[0] ?? "";
  const id = columns.find((c) => /^id$/i.test(c)) ?? "";
  const rest = columns.filter((c) => c !== prompt && c !== id && !/model/i.test(c));
  const likely = rest.filter((c) => RESPONSE_NAMES.test(c) && !/model/i.test(c));
  const responses = (likely.length >= MIN_CANDIDATES ? likely : rest).slice(0, MIN_CANDIDATES).map((text) => ({ text, model: "" }));
  return { prompt, id, reference: "", explanation: "", responses };
}

/** The mapping as the server's csvMappingSchema reads it: empty choices left out. */
export function mappingFromDraft(draft: MappingDraft) {
  return {
    prompt: draft.prompt,
    id: draft.id || undefined,
    reference: draft.reference || undefined,
    explanation: draft.explanation || undefined,
    responses: draft.responses.map((r) => ({ text: r.text, model: r.model || undefined })),
  };
}

function ColumnSelect({
  label,
  value,
  columns,
  optional,
  onChange,
}: {
  label: string;
  value: string;
  columns: string[];
  optional?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label className="text-sm">
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)} className="mt-1 block rounded border border-slate-300 px-2 py-1.5">
        {optional ? (
          <option value="">(none)</option>
        ) : (
          <option value="" disabled>
            Choose a column
          </option>
        )}
        {columns.map((column) => (
          <option key={column} value={column}>
            {column}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ColumnMappingForm({ columns, draft, onChange }: { columns: string[]; draft: MappingDraft; onChange: (draft: MappingDraft) => void }) {
  const setResponse = (index: number, change: Partial<MappingDraft["responses"][number]>) =>
    onChange({ ...draft, responses: draft.responses.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  return (
    <fieldset className="space-y-3 rounded border border-slate-200 p-3">
      <legend className="px-1 text-sm font-semibold">CSV columns</legend>
      <div className="flex flex-wrap gap-4">
        <ColumnSelect label="Prompt (one user message)" value={draft.prompt} columns={columns} onChange={(prompt) => onChange({ ...draft, prompt })} />
        <ColumnSelect label="Item id" optional value={draft.id} columns={columns} onChange={(id) => onChange({ ...draft, id })} />
        <ColumnSelect
          label="Preferred response"
          optional
          value={draft.reference}
          columns={columns}
          onChange={(reference) => onChange({ ...draft, reference })}
        />
        <ColumnSelect
          label="Why it is preferred"
          optional
          value={draft.explanation}
          columns={columns}
          onChange={(explanation) => onChange({ ...draft, explanation })}
        />
      </div>
      <ol className="space-y-2">
        {draft.responses.map((response, index) => (
          <li key={index} className="flex flex-wrap items-end gap-4">
            <ColumnSelect label={`Response ${index + 1}`} value={response.text} columns={columns} onChange={(text) => setResponse(index, { text })} />
            <ColumnSelect
              label={`Model of response ${index + 1}`}
              optional
              value={response.model}
              columns={columns}
              onChange={(model) => setResponse(index, { model })}
            />
            {draft.responses.length > MIN_CANDIDATES && (
              <button
                type="button"
                className="text-sm text-red-700 underline"
                onClick={() => onChange({ ...draft, responses: draft.responses.filter((_, i) => i !== index) })}
              >
                Remove response {index + 1}
              </button>
            )}
          </li>
        ))}
      </ol>
      {draft.responses.length < MAX_CANDIDATES && (
        <button
          type="button"
          className="text-sm text-indigo-700 underline"
          onClick={() => onChange({ ...draft, responses: [...draft.responses, { text: "", model: "" }] })}
        >
          Add a response column
        </button>
      )}
      <p className="text-sm text-slate-500">The preferred-response column holds a response column&apos;s name or its number (1 = the first response).</p>
    </fieldset>
  );
}
