"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { archiveEndpoint, createEndpoint, restoreEndpoint, testEndpoint, updateEndpoint } from "@/lib/data/model-endpoints";
import type { EndpointTestResult } from "@/lib/models/endpoint-test";
import { endpointInputFromForm, type CreateEndpointInput, type UpdateEndpointInput } from "@/lib/validations/model-endpoint";

function done<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath("/admin/models");
  return result;
}

export async function createEndpointAction(formData: FormData): Promise<ActionResult<{ id: string; name: string }>> {
  return done(await runAction("model:manage", (actor) => createEndpoint({ actor, input: endpointInputFromForm(formData) as CreateEndpointInput })));
}

export async function updateEndpointAction(endpointId: string, formData: FormData): Promise<ActionResult<{ changed: string[] }>> {
  const result = await runAction("model:manage", (actor) =>
    updateEndpoint({ actor, endpointId, input: endpointInputFromForm(formData) as UpdateEndpointInput }),
  );
  return done(result.ok ? { ok: true, data: { changed: result.data.changed } } : result);
}

export async function archiveEndpointAction(endpointId: string): Promise<ActionResult<null>> {
  return done(
    await runAction("model:manage", async (actor) => {
      await archiveEndpoint({ actor, endpointId });
      return null;
    }),
  );
}

export async function restoreEndpointAction(endpointId: string): Promise<ActionResult<null>> {
  return done(
    await runAction("model:manage", async (actor) => {
      await restoreEndpoint({ actor, endpointId });
      return null;
    }),
  );
}

/** A failed test is still an answer (ok: true): its data says what went wrong, exactly, for the admin. */
export async function testEndpointAction(endpointId: string): Promise<ActionResult<EndpointTestResult>> {
  return runAction("model:manage", (actor) => testEndpoint({ actor, endpointId }));
}
