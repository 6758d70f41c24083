import { describe, expect, it } from "vitest";
import { readTextLines, type TextLine } from "@/lib/formats/text-lines";

async function lines(chunks: (string | Buffer)[], maxLineBytes?: number): Promise<TextLine[]> {
  const entries: TextLine[] = [];
  for await (const entry of readTextLines(
    (async function* () {
      for (const chunk of chunks) yield Buffer.from(chunk);
    })(),
    maxLineBytes,
  ))
    entries.push(entry);
  return entries;
}

describe("readTextLines", () => {
  it("numbers lines from 1 across chunk boundaries, with or without a last newline, and drops the \\r of CRLF", async () => {
    expect(await lines(["a\nb", "c\r\n\nd\r", "\ne"])).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "bc" },
      { line: 3, text: "" },
      { line: 4, text: "d" },
      { line: 5, text: "e" },
    ]);
    expect(await lines([])).toEqual([]);
  });

  it("keeps characters whose bytes arrive in different chunks", async () => {
    const bytes = Buffer.from("é’\n");
    expect(await lines([bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3)])).toEqual([{ line: 1, text: "é’" }]);
  });

  it("refuses a line that is not UTF-8 with its number, and goes on", async () => {
    const bad = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}\n')]);
    expect(await lines(["ok\n", bad, "fine\n"])).toEqual([
      { line: 1, text: "ok" },
      { line: 2, error: "not valid UTF-8 (save the file as UTF-8)" },
      { line: 3, text: "fine" },
    ]);
  });

  it("refuses a line as soon as it passes the limit, holding no more of it, and reads the next line", async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(100, "x");
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled += chunk.length;
        yield chunk;
      }
      yield Buffer.from("\nnext\n");
    }
    const seen: { entry: TextLine; pulled: number }[] = [];
    for await (const entry of readTextLines(source(), 1000)) seen.push({ entry, pulled });
    expect(seen).toEqual([
      // Reported at the chunk that passed 1,000 bytes, not at the end of the 100,000-byte line.
      { entry: { line: 1, error: "line is longer than 1000 bytes" }, pulled: 1100 },
      { entry: { line: 2, text: "next" }, pulled: 100_000 },
    ]);
  });

  it("takes a line of exactly the limit", async () => {
    expect(await lines(["x".repeat(10), "\n"], 10)).toEqual([{ line: 1, text: "x".repeat(10) }]);
    expect(await lines(["x".repeat(11)], 10)).toEqual([{ line: 1, error: "line is longer than 10 bytes" }]);
  });
});
