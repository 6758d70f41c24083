// The HH-RLHF sample (200 real records) kept as a test fixture (see fixtures/README.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";

export const HH_SAMPLE_PATH = path.resolve(import.meta.dirname, "fixtures/hh-harmless-sample.jsonl");

export type HhRecord = { chosen: string; rejected: string };

export function readHhSampleText(): string {
  return readFileSync(HH_SAMPLE_PATH, "utf8");
}

/** Each line with its own "\n", as an exporter writes lines. */
export function hhSampleLines(): string[] {
  return readHhSampleText()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => `${line}\n`);
}

/** A whole file handed to an importer the way an upload arrives: as bytes. */
export function textSource(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}
