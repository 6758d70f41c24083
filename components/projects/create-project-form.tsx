"use client";

import { createProjectAction } from "@/lib/actions/projects";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/** The quick way: name, slug, question and k; everything else keeps its default until edited. */
export function CreateProjectForm() {
  const { formAction, pending, error, details } = useServerAction(createProjectAction);
  const fieldError = (field: string) => details.find((d) => d.field === field)?.message;
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm">
        Name
        <input name="name" required className={inputClass} />
      </label>
      <label className="block text-sm">
        Slug <span className="text-slate-500">(lowercase, used in URLs)</span>
        <input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" aria-describedby="slug-error" className={inputClass} />
        {fieldError("slug") && (
          <span id="slug-error" className="text-red-700">
            {fieldError("slug")}
          </span>
        )}
      </label>
      <label className="block text-sm">
        Question
        <input name="question" placeholder="Choose the most helpful and honest response." className={inputClass} />
      </label>
      <label className="block text-sm">
        Judgments per item (k)
        <input name="judgmentsPerItem" type="number" min={1} max={100} defaultValue={1} className={inputClass} />
      </label>
      <FormError message={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create project"}
      </Button>
    </form>
  );
}
