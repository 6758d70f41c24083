// The benchmark's input: Preflab JSONL items with three-turn contexts and two responses of about
// 1 KB, written as the file to import and, for the COPY baseline, as the same rows in CSV.
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { stringify } from "csv-stringify/sync";

const FILLER = "This sentence pads the answer to a realistic length with ordinary words. ";

function response(n: number, side: string): string {
  return `Answer ${side} to item ${n}. ${FILLER.repeat(14)}`.slice(0, 1024);
}

export function benchItem(n: number) {
  return {
    id: `item-${n}`,
    messages: [
      { role: "user", content: `Question ${n}: how would you explain this to a new colleague? ${FILLER}` },
      { role: "assistant", content: `Here is a first answer to question ${n}. ${FILLER.repeat(3)}` },
      { role: "user", content: `Can you say more about point ${n % 7}?` },
    ],
    responses: [
      { text: response(n, "A"), model: "bench-model-a" },
      { text: response(n, "B"), model: "bench-model-b" },
    ],
  };
}

async function writeLines(file: string, count: number, line: (n: number) => string) {
  const out = fs.createWriteStream(file);
  for (let n = 1; n <= count; n++) {
    if (!out.write(line(n))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export async function writeImportFile(file: string, items: number) {
  await writeLines(file, items, (n) => `${JSON.stringify(benchItem(n))}\n`);
}

/** items.csv and candidates.csv for COPY into a batch of its own: the same rows the import stores. */
export async function writeCopyFiles({
  itemsFile,
  candidatesFile,
  items,
  projectId,
  batchId,
}: {
  itemsFile: string;
  candidatesFile: string;
  items: number;
  projectId: string;
  batchId: string;
}) {
  const ids = Array.from({ length: items }, () => randomUUID());
  await writeLines(itemsFile, items, (n) => {
    const item = benchItem(n);
    return stringify([[ids[n - 1], projectId, batchId, n, item.id, JSON.stringify(item.messages), "{}"]]);
  });
  await writeLines(candidatesFile, items * 2, (k) => {
    const n = Math.ceil(k / 2);
    const position = (k - 1) % 2;
    const candidate = benchItem(n).responses[position];
    return stringify([[ids[n - 1], position, candidate.text, candidate.model, "{}"]]);
  });
}
