"use client";

import { formatTime } from "@/components/people/format-time";
import { DataTable } from "@/components/ui/data-table";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { revokeInviteAction } from "@/lib/actions/invites";

type InviteRow = {
  id: string;
  role: string;
  uses: number;
  maxUses: number;
  expiresAt: Date;
  createdAt: Date;
  status: "live" | "expired" | "used-up" | "revoked";
  group: { name: string } | null;
  createdBy: { email: string } | null;
};

const STATUS_LABELS = { live: "live", expired: "expired", "used-up": "used up", revoked: "revoked" } as const;

export function InviteList({ invites }: { invites: InviteRow[] }) {
  const { run, pending, error } = useServerAction(revokeInviteAction);
  if (invites.length === 0) return <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-600">No invites yet.</p>;
  return (
    <div className="space-y-2">
      <FormError message={error} />
      <DataTable
        columns={[
          "Role",
          "Uses",
          "Status",
          "Expires",
          <span key="actions" className="sr-only">
            Actions
          </span>,
        ]}
        cellPadding="p-2"
      >
        {invites.map((invite) => (
          <tr key={invite.id} data-testid="invite-row" className="border-t border-slate-100">
            <td className="p-2">
              {invite.role.toLowerCase()}
              {invite.group && <span className="block text-xs text-slate-600">joins {invite.group.name}</span>}
              <span className="block text-xs text-slate-600">
                made {formatTime(invite.createdAt)}
                {invite.createdBy && ` by ${invite.createdBy.email}`}
              </span>
            </td>
            <td className="p-2" data-testid="invite-uses">
              {invite.uses} of {invite.maxUses}
            </td>
            <td className="p-2">{STATUS_LABELS[invite.status]}</td>
            <td className="p-2 text-slate-600">{formatTime(invite.expiresAt)}</td>
            <td className="p-2">
              {invite.status === "live" && (
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => void run(invite.id)}
                  className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100"
                >
                  Revoke
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
