// Every format, exported from a fixed dataset, compared byte for byte with files checked by hand.
// After a deliberate change to the output: UPDATE_GOLDEN=1 npx vitest run --project db lib/exports/golden.db.test.ts
// rewrites them; read the diff before committing it.
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_FORMATS, FILE_TYPES, type ExportOptionsInput } from "@/lib/exports/export-options";
import type { ExportCounts } from "@/lib/exports/manifest";
import { createExportFixture, exportToBuffer, type ExportFixture } from "@/lib/testing/export-fixture";

const GOLDEN_DIR = path.join(import.meta.dirname, "../testing/fixtures/exports/golden");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

const OPTION_SETS: Record<string, Partial<ExportOptionsInput>> = {
  defaults: {},
  "majority-margin-split": { aggregation: "majority", strengthPolicy: "margin", testFraction: 0.5 },
  "min-agreement": { minAgreement: 0.7 },
};

async function readGolden(file: string): Promise<Buffer> {
  return fs.readFile(path.join(GOLDEN_DIR, file)).catch((error: Error) => {
    throw new Error(`${error.message}: write the golden files with UPDATE_GOLDEN=1 and check them by hand`);
  });
}

function expectCountsToAddUp(counts: ExportCounts) {
  const leftOut = Object.values(counts.judgmentsLeftOut).reduce((sum, n) => sum + n, 0);
  expect(counts.judgmentsRead).toBe(counts.judgmentsIncluded + leftOut);
  expect(counts.rows).toBe(counts.rowsBySplit.train + counts.rowsBySplit.test);
}

let fixture: ExportFixture;

// The fixture has no live conversations; conversations.db.test.ts checks that format on real ones.
const ITEM_FORMATS = EXPORT_FORMATS.filter((format) => format !== "conversations");

beforeAll(async () => {
  fixture = await createExportFixture({ namespace: 0, prefix: "golden" });
});

describe.each(Object.entries(OPTION_SETS))("golden exports, %s options", (setName, overrides) => {
  const countsFile = `${setName}/counts.json`;
  const written: Record<string, ExportCounts> = {};
  let goldenCounts: Record<string, ExportCounts>;

  beforeAll(async () => {
    goldenCounts = UPDATE ? {} : JSON.parse((await readGolden(countsFile)).toString("utf8"));
  });

  afterAll(async () => {
    if (UPDATE) await fs.writeFile(path.join(GOLDEN_DIR, countsFile), `${JSON.stringify(written, null, 2)}\n`);
  });

  it.each(ITEM_FORMATS)("%s gives the golden bytes, a manifest whose counts add up, and the file's size and hash", async (format) => {
    const file = `${setName}/${format}.jsonl`;
    const { bytes, manifest } = await exportToBuffer({ format, projects: fixture.projects, ...overrides });
    if (UPDATE) {
      await fs.mkdir(path.join(GOLDEN_DIR, setName), { recursive: true });
      await fs.writeFile(path.join(GOLDEN_DIR, file), bytes);
      written[format] = manifest.counts;
    }
    const golden = await readGolden(file);
    expect(bytes.toString("utf8")).toBe(golden.toString("utf8"));
    expect(Buffer.compare(bytes, golden)).toBe(0);
    expect(manifest.counts).toEqual(UPDATE ? written[format] : goldenCounts[format]);

    expect(manifest.counts.judgmentsRead).toBe(fixture.judgments);
    expectCountsToAddUp(manifest.counts);
    expect(manifest.counts.rows).toBe(bytes.toString("utf8").split("\n").filter(Boolean).length);
    expect(manifest.file).toEqual({ bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
  });
});

describe("exporting twice", () => {
  it.each(FILE_TYPES)("gives identical %s bytes, with the size and hash the manifest gives", async (fileType) => {
    const input: ExportOptionsInput = { format: "judgments", fileType, projects: fixture.projects, testFraction: 0.5 };
    const first = await exportToBuffer(input);
    const second = await exportToBuffer(input);
    expect(first.bytes.length).toBeGreaterThan(0);
    expect(Buffer.compare(first.bytes, second.bytes)).toBe(0);
    expect(second.manifest).toEqual(first.manifest);
    expect(first.manifest.file).toEqual({ bytes: first.bytes.length, sha256: createHash("sha256").update(first.bytes).digest("hex") });
    expectCountsToAddUp(first.manifest.counts);
  });
});
