"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { queueExport } from "@/lib/data/exports";

export async function queueExportAction(input: unknown) {
  const result = await runAction("export:download", (actor) => queueExport({ actor, input }));
  if (result.ok) revalidatePath("/exports");
  return result;
}
