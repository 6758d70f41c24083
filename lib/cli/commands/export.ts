import fs from "node:fs";
import { resolveCliActor } from "@/lib/cli/actor";
import { openByteWriter } from "@/lib/cli/output";
import { exportTo } from "@/lib/data/exports";
import { AppError } from "@/lib/errors";

export type ExportCommandOptions = {
  project: string[];
  format: string;
  fileType: string;
  aggregation?: string;
  strengthPolicy?: string;
  from?: string;
  to?: string;
  batch?: string[];
  includeBlocked?: boolean;
  includeChecks?: boolean;
  releaseGate?: boolean;
  minAgreement?: string;
  testFraction?: string;
  output?: string;
  as?: string;
};

export async function exportCommand(options: ExportCommandOptions) {
  if ((options.fileType === "parquet" || options.fileType === "hf-dataset" || options.fileType === "jsonl.gz") && !options.output) {
    throw new AppError("INVALID_INPUT", `A ${options.fileType} export is binary: give --output FILE`);
  }
  const actor = await resolveCliActor(options.as);
  const destination = openByteWriter(options.output);
  const { exportId, manifest } = await exportTo({
    actor,
    destination,
    input: {
      format: options.format,
      fileType: options.fileType,
      projects: options.project,
      batches: options.batch ?? [],
      from: options.from,
      to: options.to,
      aggregation: options.aggregation,
      strengthPolicy: options.strengthPolicy,
      excludeBlockedAnnotators: !options.includeBlocked,
      includeChecks: Boolean(options.includeChecks),
      minAgreement: options.minAgreement === undefined ? undefined : Number(options.minAgreement),
      testFraction: options.testFraction === undefined ? undefined : Number(options.testFraction),
      releaseGate: Boolean(options.releaseGate),
    },
  });
  await new Promise<void>((resolve) => (destination === process.stdout ? resolve() : destination.end(resolve)));
  if (options.output) fs.writeFileSync(`${options.output}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const leftOut = Object.entries(manifest.counts.judgmentsLeftOut).map(([reason, count]) => `${count} ${reason}`);
  process.stderr.write(
    `Exported ${manifest.counts.rows} rows from ${manifest.counts.judgmentsIncluded} of ${manifest.counts.judgmentsRead} judgments` +
      `${leftOut.length ? ` (left out: ${leftOut.join(", ")})` : ""}; ${manifest.file?.bytes} bytes, sha256 ${manifest.file?.sha256}; export ${exportId}.\n` +
      (options.output ? `Manifest: ${options.output}.manifest.json\n` : ""),
  );
  const gate = manifest.releaseGate;
  if (gate && !gate.passed) {
    const alphas = gate.projects.map((project) => `${project.project} alpha ${project.alphaNominal ?? "undefined (no item judged twice)"}`).join(", ");
    process.stderr.write(`BELOW THE RELEASE GATE (nominal alpha under ${gate.threshold}): ${alphas}.\n`);
    process.exitCode = 3;
    // As for errors (lib/cli/main.ts): the embedded server's package would exit with code 0 otherwise.
    process.once("exit", () => (process.exitCode = 3));
  }
}
