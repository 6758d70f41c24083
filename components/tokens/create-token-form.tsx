"use client";

import { createApiTokenAction } from "@/lib/actions/api-tokens";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

export function CreateTokenForm({ scopes }: { scopes: string[] }) {
  const { formAction, pending, result, error } = useServerAction(createApiTokenAction);
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm">
        Name
        <input name="name" required placeholder="labelling script" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <fieldset className="text-sm">
        <legend>Scopes</legend>
        {scopes.map((scope) => (
          <label key={scope} className="mr-4 inline-flex items-center gap-1">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === scopes[0]} /> {scope}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>
        Create token
      </Button>
      {result?.ok && (
        <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
          <p>Token “{result.data.name}” created. Copy it now: it is not shown again.</p>
          <code data-testid="new-token" className="mt-1 block break-all font-mono">
            {result.data.secret}
          </code>
        </div>
      )}
      <FormError message={error} />
    </form>
  );
}
