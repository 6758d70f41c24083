import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CreateTokenForm } from "@/components/tokens/create-token-form";
import { TokenList } from "@/components/tokens/token-list";
import { can, TOKEN_SCOPES, type TokenScope } from "@/lib/auth/permissions";
import { requirePagePermission } from "@/lib/auth/session";
import { findApiTokensForUser } from "@/lib/data/api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePagePermission("token:manage-own");
  // Study participants never own tokens (lib/data/api-tokens.ts): the page is not theirs.
  if (actor.studySessionId) notFound();
  const tokens = await findApiTokensForUser({ actor });
  // Offer only the scopes this person's role can use.
  const scopes = (Object.keys(TOKEN_SCOPES) as TokenScope[]).filter((scope) => TOKEN_SCOPES[scope].some((permission) => can(actor.role, permission)));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <p className="text-slate-600">
        Scripts use these with <code>Authorization: Bearer &lt;token&gt;</code> (see docs/api.md). A token can do only what its scopes and your role allow.
      </p>
      <CreateTokenForm scopes={scopes} />
      <TokenList tokens={tokens} />
    </div>
  );
}
