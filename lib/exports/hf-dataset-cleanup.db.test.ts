// A Hugging Face dataset export writes its Parquet files to a temporary folder before zipping them;
// an export that fails part-way must not leave that folder behind.
import { readdirSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pool } from "@/lib/db/prisma";
import { exportOptionsSchema } from "@/lib/exports/export-options";
import { runExport } from "@/lib/exports/run-export";
import { createLargeExportProject } from "@/lib/testing/export-fixture";

let temporary: string;
let slug: string;

beforeAll(async () => {
  // A folder of this test's own as the system's temporary folder, so nothing else's files are counted.
  temporary = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-hf-cleanup-"));
  vi.stubEnv("TMPDIR", temporary);
  ({ slug } = await createLargeExportProject({ slug: "hf-cleanup", items: 40, textChars: 20 }));
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await fs.rm(temporary, { recursive: true, force: true });
});

const discard = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

describe("a Hugging Face dataset export that fails part-way", () => {
  it("removes its temporary folder, Parquet files and all", async () => {
    const options = exportOptionsSchema.parse({ format: "trl", fileType: "hf-dataset", projects: [slug], testFraction: 0.3 });
    let whileRunning: string[] = [];
    const failing = runExport({
      pool: pool(),
      options,
      destination: discard(),
      onProgress: ({ rows }) => {
        if (rows < 10) return;
        whileRunning = readdirSync(temporary);
        throw new Error("test: the export failed part-way");
      },
    });
    await expect(failing).rejects.toThrow("test: the export failed part-way");
    expect(whileRunning).toEqual([expect.stringMatching(/^preflab-hf-/)]);
    expect(await fs.readdir(temporary)).toEqual([]);
  });

  it("and one that succeeds leaves none either", async () => {
    const options = exportOptionsSchema.parse({ format: "trl", fileType: "hf-dataset", projects: [slug] });
    const before = await fs.readdir(temporary);
    const manifest = await runExport({ pool: pool(), options, destination: discard() });
    expect(manifest.counts.rows).toBe(40);
    expect(await fs.readdir(temporary)).toEqual(before);
  });
});
