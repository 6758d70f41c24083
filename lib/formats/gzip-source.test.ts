import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { openImportSource, isGzip } from "@/lib/formats/gzip-source";
import { describeImportFile } from "@/lib/formats/describe-import-file";
import { readImportRecords } from "@/lib/formats/import-records";

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

// One byte a chunk: the magic bytes must be found even when they arrive apart.
function bytewise(bytes: Buffer): Readable {
  return Readable.from([...bytes].map((b) => Buffer.from([b])));
}

describe("openImportSource", () => {
  it("gunzips by the magic bytes, whatever the chunking", async () => {
    const opened = await openImportSource(bytewise(gzipSync('{"a":1}\n')));
    expect(opened.gzip).toBe(true);
    expect(await text(opened.stream)).toBe('{"a":1}\n');
  });

  it("passes plain bytes through, including a file of one byte or none", async () => {
    expect(await text((await openImportSource(bytewise(Buffer.from("plain text")))).stream)).toBe("plain text");
    expect(await text((await openImportSource(Readable.from([Buffer.from("x")]))).stream)).toBe("x");
    expect(await text((await openImportSource(Readable.from([]))).stream)).toBe("");
    expect(isGzip(Buffer.from([0x1f]))).toBe(false);
  });

  it("fails the reader on a corrupt gzip body", async () => {
    const broken = Buffer.concat([gzipSync("x".repeat(1000)).subarray(0, 12), Buffer.from("garbage")]);
    await expect(text((await openImportSource(Readable.from([broken]))).stream)).rejects.toThrow();
  });
});

describe("describeImportFile", () => {
  it("proposes the JSONL format from the first record, gzip or not", async () => {
    const line = '{"prompt": "Q", "chosen": "a", "rejected": "b"}\n';
    expect(await describeImportFile(() => Readable.from([gzipSync(line)]))).toEqual({ format: "trl", gzip: true, columns: null });
    expect(await describeImportFile(() => Readable.from([Buffer.from(`\n${line}`)]))).toEqual({ format: "trl", gzip: false, columns: null });
  });

  it("reads a CSV header", async () => {
    const csv = gzipSync("prompt,good,bad\nQ,a,b\n");
    expect(await describeImportFile(() => Readable.from([csv]))).toEqual({ format: "csv", gzip: true, columns: ["prompt", "good", "bad"] });
  });

  it("proposes no format for content that does not decode, but throws when the file cannot be read", async () => {
    const broken = Buffer.concat([gzipSync('{"prompt": "Q"}\n').subarray(0, 12), Buffer.from("not gzip at all")]);
    expect(await describeImportFile(() => Readable.from([broken]))).toEqual({ format: null, gzip: true, columns: null });

    const unreadable = () =>
      Readable.from(
        (async function* () {
          yield Buffer.from('{"prompt": "Q", "cho');
          throw Object.assign(new Error("EIO: i/o error, read"), { code: "EIO", syscall: "read" });
        })(),
      );
    await expect(describeImportFile(unreadable)).rejects.toMatchObject({ code: "EIO" });
  });
});

describe("readImportRecords", () => {
  it("detects the format at the first record and reports it", async () => {
    const formats: string[] = [];
    const source = Readable.from([Buffer.from('{"prompt": "Q", "chosen": "a", "rejected": "b"}\n{"prompt": 1}\n')]);
    const entries = [];
    for await (const entry of readImportRecords({ source, format: "auto", onFormat: (f) => formats.push(f) })) entries.push(entry);
    expect(formats).toEqual(["trl"]);
    expect(entries.map((e) => [e.line, "item" in e])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it("points a CSV read as auto at the CSV format", async () => {
    const entries = [];
    for await (const entry of readImportRecords({ source: Readable.from([Buffer.from("prompt,a,b\n")]), format: "auto" })) entries.push(entry);
    expect(entries).toEqual([{ line: 1, errors: [{ message: expect.stringContaining("if this is a CSV file, choose CSV") }] }]);
  });
});
