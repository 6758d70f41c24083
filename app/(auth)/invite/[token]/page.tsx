import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SignUpForm } from "@/components/people/sign-up-form";
import { findInviteLink } from "@/lib/data/invite-sign-up";

export const metadata: Metadata = { title: "Join Preflab", robots: { index: false } };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findInviteLink(token);
  // The layout explains why; this sets the 404 status.
  if (link.status !== "live" || !link.role) notFound();
  return (
    <>
      <h1 className="mb-2 text-xl font-semibold">Join Preflab</h1>
      <p className="mb-4 text-sm text-slate-600">
        You are invited as a <strong>{link.role.toLowerCase()}</strong>
        {link.groupName && <> in the group “{link.groupName}”</>}. Someone who already has an account should sign in instead.
      </p>
      <SignUpForm secret={token} />
    </>
  );
}
