import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DecompressionLimitError, openImportSource, isGzip } from "@/lib/formats/gzip-source";
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

describe("openImportSource within the gzip limits", () => {
  const zeros = gzipSync(Buffer.alloc(10 * 1024 * 1024));

  it("stops output that grows past the ratio to what was read, once the free allowance is spent", async () => {
    const opened = await openImportSource(Readable.from([zeros]), { maxRatio: 100, freeBytes: 1024 * 1024 });
    await expect(text(opened.stream)).rejects.toBeInstanceOf(DecompressionLimitError);
    const roomy = await openImportSource(Readable.from([zeros]), { maxRatio: 100, freeBytes: 20 * 1024 * 1024 });
    expect((await text(roomy.stream)).length).toBe(10 * 1024 * 1024);
  });

  it("names the line it cut the file in", async () => {
    const lines = gzipSync(Buffer.concat([Buffer.from("first\nsecond\n"), Buffer.alloc(4 * 1024 * 1024, "\n")]));
    const opened = await openImportSource(Readable.from([lines]), { maxRatio: 10_000, freeBytes: 0, maxOutputBytes: 1024 * 1024 });
    // The first 1 MB: "first\nsecond\n" (13 bytes, 2 newlines), then 1 MB less 13 bytes of newlines; cut in the line after.
    await expect(text(opened.stream)).rejects.toMatchObject({ line: 2 + (1024 * 1024 - 13) + 1 });
  });

  it("stops output past the absolute cap whatever the ratio", async () => {
    const opened = await openImportSource(Readable.from([zeros]), { maxRatio: 10_000, freeBytes: 0, maxOutputBytes: 1024 * 1024 });
    await expect(text(opened.stream)).rejects.toThrow(/past 10000 times its compressed size \(or past 1 MB\)/);
  });

  it("closes the source when the reader stops early", async () => {
    const source = Readable.from([zeros.subarray(0, 100), zeros.subarray(100)]);
    const opened = await openImportSource(source);
    opened.stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(source.destroyed).toBe(true);
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

  it("proposes no format for a first line over the limit, without reading the rest of it", async () => {
    // 40 MB of one line in 40 KB of gzip: sniffing stops at 16 MB.
    const huge = gzipSync(Buffer.alloc(40 * 1024 * 1024, "a"));
    expect(await describeImportFile(() => Readable.from([huge]))).toEqual({ format: null, gzip: true, columns: null });
  });

  it("proposes no format for a first line that is not UTF-8", async () => {
    const bad = Buffer.concat([Buffer.from('{"prompt": "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('", "chosen": "a", "rejected": "b"}\n')]);
    expect(await describeImportFile(() => Readable.from([bad]))).toEqual({ format: null, gzip: false, columns: null });
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
