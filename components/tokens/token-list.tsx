"use client";

import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { revokeApiTokenAction } from "@/lib/actions/api-tokens";

type TokenRow = { id: string; name: string; scopes: string[]; prefix: string; createdAt: Date; lastUsedAt: Date | null };

export function TokenList({ tokens }: { tokens: TokenRow[] }) {
  const { run, pending, error } = useServerAction(revokeApiTokenAction);
  if (tokens.length === 0) return <p className="text-slate-600">You have no tokens.</p>;
  return (
    <>
      <FormError message={error} className="mb-2" />
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {tokens.map((token) => (
          <li key={token.id} className="flex items-center justify-between gap-4 p-3 text-sm">
            <span>
              <span className="font-medium">{token.name}</span> <code className="text-slate-500">{token.prefix}…</code> · {token.scopes.join(", ")} · last used{" "}
              {token.lastUsedAt ? token.lastUsedAt.toISOString().slice(0, 16).replace("T", " ") : "never"}
            </span>
            <button
              type="button"
              disabled={pending}
              onClick={() => void run(token.id)}
              className="rounded border border-red-300 px-2 py-1 text-red-700 hover:bg-red-50"
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
