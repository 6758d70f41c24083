"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { blockUserAction, unblockUserAction } from "@/lib/actions/people";

/** Block (after a confirmation that says what blocking does) or unblock a person. */
export function BlockButton({ userId, email, blocked }: { userId: string; email: string; blocked: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const block = useServerAction(blockUserAction);
  const unblock = useServerAction(unblockUserAction);
  const secondary = "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60";
  if (blocked) {
    return (
      <div>
        <button type="button" disabled={unblock.pending} onClick={() => void unblock.run(userId)} className={secondary} aria-label={`Unblock ${email}`}>
          Unblock
        </button>
        <FormError message={unblock.error} />
      </div>
    );
  }
  return (
    <div>
      <button type="button" onClick={() => setConfirming(true)} className={`${secondary} text-red-700`} aria-label={`Block ${email}`}>
        Block
      </button>
      <Modal open={confirming} title={`Block ${email}?`} onClose={() => setConfirming(false)}>
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          <li>They are signed out at once, and their API tokens stop working.</li>
          <li>Tasks they hold now go back to the pool for others.</li>
          <li>Their judgments stay, and exports leave them out unless asked to keep them.</li>
        </ul>
        <div className="mt-4 flex gap-3">
          <Button
            type="button"
            disabled={block.pending}
            autoFocus
            className="bg-red-700 hover:bg-red-800"
            onClick={async () => (await block.run(userId))?.ok && setConfirming(false)}
          >
            {block.pending ? "Blocking…" : "Block"}
          </Button>
          <button type="button" onClick={() => setConfirming(false)} className={secondary}>
            Cancel
          </button>
        </div>
        <FormError message={block.error} className="mt-2" />
      </Modal>
    </div>
  );
}
