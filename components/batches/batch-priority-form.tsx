"use client";

/** The batch's priority: claims offer higher ones first. */
export function BatchPriorityForm({ priority, pending, onSet }: { priority: number; pending: boolean; onSet: (priority: FormDataEntryValue | null) => void }) {
  return (
    <form className="flex flex-wrap items-end gap-2 text-sm" action={(form) => onSet(form.get("priority"))}>
      <label>
        Priority <span className="text-slate-500">(higher is offered first)</span>
        <input
          name="priority"
          type="number"
          step={1}
          min={-1000}
          max={1000}
          defaultValue={priority}
          className="ml-2 w-24 rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60">
        Set priority
      </button>
    </form>
  );
}
