import Link from "next/link";
import { DEAD_INVITE_REASONS, type InviteLink } from "@/lib/data/invite-sign-up";

const TITLES = {
  expired: "This invite has expired",
  "used-up": "This invite has been used",
  revoked: "This invite was withdrawn",
  unknown: "Unknown invite link",
} as const;

export function DeadInvite({ status }: { status: Exclude<InviteLink["status"], "live"> }) {
  return (
    <div role="alert">
      <h1 className="mb-2 text-xl font-semibold">{TITLES[status]}</h1>
      <p className="text-slate-700">{DEAD_INVITE_REASONS[status]}</p>
      <p className="mt-4 text-sm">
        Already have an account?{" "}
        <Link href="/signin" className="text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
