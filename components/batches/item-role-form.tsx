"use client";

import { useState } from "react";
import { ITEM_ROLE_LABELS } from "@/components/imports/item-role-labels";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { setItemRoleAction } from "@/lib/actions/items";
import type { BatchItemRow } from "@/lib/data/batch-items";
import { ITEM_ROLES, type ItemRoleName } from "@/lib/formats/reference-preference";

/** The item's only best response by its reference ranks, if it has one. */
function currentBest(item: BatchItemRow): string {
  const best = item.candidates.filter((candidate) => candidate.referenceRank === 1);
  return best.length === 1 ? best[0].id : "";
}

/**
 * An admin's control of one item: its role (task or a check item), the best response (reference rank
 * 1, the others 2) and the note shown after a practice answer. The server refuses a check item
 * without a best response, and says so here.
 */
export function ItemRoleForm({ item }: { item: BatchItemRow }) {
  const [role, setRole] = useState<ItemRoleName>(item.role);
  const [best, setBest] = useState(currentBest(item));
  const [note, setNote] = useState(item.referenceNote ?? "");
  const { run, pending, error, result } = useServerAction(setItemRoleAction);
  const changedBest = best !== "" && best !== currentBest(item);

  return (
    <form
      className="mt-3 space-y-2 rounded border border-slate-200 p-3 text-sm"
      aria-label={`Role of item #${item.position}`}
      action={() => void run({ itemId: item.id, role, note, ...(changedBest ? { best } : {}) })}
    >
      <label className="block">
        Role
        <select value={role} onChange={(event) => setRole(event.target.value as ItemRoleName)} className="ml-2 rounded border border-slate-300 px-2 py-1">
          {ITEM_ROLES.map((name) => (
            <option key={name} value={name}>
              {ITEM_ROLE_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Best response (the reference)</legend>
        {item.candidates.map((candidate, i) => (
          <label key={candidate.id} className="flex items-start gap-2">
            <input type="radio" name={`best-${item.id}`} value={candidate.id} checked={best === candidate.id} onChange={() => setBest(candidate.id)} />
            <span>
              #{i + 1} <span className="inert-text text-slate-600">{candidate.preview}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="block">
        Why it is best (shown after a practice answer)
        <textarea
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={2}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
        />
      </label>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60">
        Save role
      </button>
      {result?.ok && <span className="ml-2 text-emerald-800">Saved.</span>}
      <FormError message={error} />
    </form>
  );
}
