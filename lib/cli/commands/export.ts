import { resolveCliActor } from "@/lib/cli/actor";
import { openLineWriter } from "@/lib/cli/output";
import { startExport } from "@/lib/data/exports";
import { db } from "@/lib/db/prisma";
import type { ExportFormat } from "@/lib/formats/export-formats";

export async function exportCommand(options: { project: string; format: ExportFormat; output?: string; as?: string }) {
  const actor = await resolveCliActor(options.as);
  const { exportId, lines } = await startExport({ actor, projectSlug: options.project, format: options.format });
  const writer = openLineWriter(options.output);
  for await (const line of lines) await writer.write(line);
  await writer.close();
  const record = await db().export.findUniqueOrThrow({ where: { id: exportId }, select: { rowCount: true, byteSize: true, sha256: true } });
  process.stderr.write(`Exported ${record.rowCount} rows (${record.byteSize} bytes, sha256 ${record.sha256}) as export ${exportId}.\n`);
}
