import type { ReactNode } from "react";
import { DeadInvite } from "@/components/people/dead-invite";
import { findInviteLink } from "@/lib/data/invite-sign-up";

/**
 * A dead link's page says why it is dead. The page answers 404 through notFound(), whose page
 * cannot see the link; this layout can, so the reason is rendered here, around it.
 */
export default async function InviteLayout({ children, params }: { children: ReactNode; params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findInviteLink(token);
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {link.status !== "live" && <DeadInvite status={link.status} />}
      {children}
    </div>
  );
}
