import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readCsvHeader, readCsvRecords } from "@/lib/formats/csv-records";
import type { CsvMapping } from "@/lib/validations/import";
import { parseMappingText, csvMappingSchema } from "@/lib/validations/import";

const MAPPING: CsvMapping = {
  prompt: "question",
  id: "qid",
  responses: [
    { text: "a", model: "model_a" },
    { text: "b", model: "model_b" },
  ],
  reference: "winner",
};

async function read(text: string, mapping = MAPPING) {
  const entries = [];
  for await (const entry of readCsvRecords(Readable.from([Buffer.from(text)]), mapping)) entries.push(entry);
  return entries;
}

describe("readCsvRecords", () => {
  it("maps columns to the prompt, id, responses, models and the reference preference", async () => {
    const entries = await read('qid,question,a,model_a,b,model_b,winner\n7,"Hi, there?","Hello\nfriend",m1,Go away,m2,b\n');
    expect(entries).toEqual([
      {
        line: 3,
        item: {
          externalId: "7",
          context: [{ role: "user", content: "Hi, there?" }],
          candidates: [
            { text: "Hello\nfriend", model: "m1", meta: {}, referenceRank: 2 },
            { text: "Go away", model: "m2", meta: {}, referenceRank: 1 },
          ],
          meta: {},
        },
      },
    ]);
  });

  it("takes the reference as a response number, and none when the cell is empty", async () => {
    const entries = await read("qid,question,a,model_a,b,model_b,winner\n1,Q,x,,y,,1\n2,Q,x,,y,,\n");
    expect(entries.map((e) => "item" in e && e.item.candidates.map((c) => [c.model, c.referenceRank]))).toEqual([
      [
        [null, 1],
        [null, 2],
      ],
      [
        [null, null],
        [null, null],
      ],
    ]);
  });

  it("names the line and the column of every bad row and goes on reading", async () => {
    const entries = await read("qid,question,a,model_a,b,model_b,winner\n1,,x,,y,,c\n2,Q,x\n3,Q,x,,y,,a\n");
    expect(entries).toEqual([
      {
        line: 2,
        errors: [
          { field: "question", message: "the prompt is empty" },
          { field: "winner", message: '"c" names no response: use a response column (a, b) or its number 1-2' },
        ],
      },
      { line: 3, errors: [{ message: "has 3 columns, the header has 7" }] },
      expect.objectContaining({ line: 4, item: expect.anything() }),
    ]);
  });

  it("refuses a mapping that names columns the header lacks, at line 1", async () => {
    expect(await read("question,a\nQ,x\n")).toEqual([
      {
        line: 1,
        errors: ["qid", "winner", "model_a", "b", "model_b"].map((name) => ({ field: name, message: `no column named "${name}" in the header (question, a)` })),
      },
    ]);
  });

  it("reports a broken quote as not valid CSV", async () => {
    const entries = await read('qid,question,a,model_a,b,model_b,winner\n1,"Q,x,,y,,a\n');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ errors: [{ message: expect.stringContaining("not valid CSV") }] });
  });
});

describe("readCsvRecords within the limits", () => {
  const HEADER = "qid,question,a,model_a,b,model_b,winner\n";
  const readBytes = async (bytes: Buffer, maxRecordBytes?: number) => {
    const entries = [];
    for await (const entry of readCsvRecords(Readable.from([bytes]), MAPPING, maxRecordBytes)) entries.push(entry);
    return entries;
  };

  it("refuses a cell that is not UTF-8 by line and column, and goes on reading", async () => {
    const bad = Buffer.concat([Buffer.from("1,Q,"), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(",,y,,\n")]);
    const entries = await readBytes(Buffer.concat([Buffer.from(HEADER), bad, Buffer.from("2,Q,x,,y,,\n")]));
    expect(entries).toEqual([
      { line: 2, errors: [{ field: "a", message: "not valid UTF-8 (save the file as UTF-8)" }] },
      expect.objectContaining({ line: 3, item: expect.anything() }),
    ]);
  });

  it("refuses a header that is not UTF-8", async () => {
    expect(await readBytes(Buffer.concat([Buffer.from([0xc3, 0x28]), Buffer.from(",a\n1,2\n")]))).toEqual([
      { line: 1, errors: [{ message: "the header is not valid UTF-8 (save the file as UTF-8)" }] },
    ]);
  });

  it("names the column of a NUL, mapped or not", async () => {
    const entries = await read(`${HEADER}1,Q\u0000,x,,y,m\u0000,\n`);
    expect(entries).toEqual([
      {
        line: 2,
        errors: [
          { field: "question", message: "contains a NUL character (\\u0000), which cannot be stored" },
          { field: "model_b", message: "contains a NUL character (\\u0000), which cannot be stored" },
        ],
      },
    ]);
  });

  it("stops at a record over the size limit, quoted or not, naming its line", async () => {
    const long = "x".repeat(500);
    expect(await readBytes(Buffer.from(`${HEADER}1,Q,x,,y,,\n2,Q,${long},,y,,\n3,Q,x,,y,,\n`), 200)).toEqual([
      expect.objectContaining({ line: 2, item: expect.anything() }),
      { line: 3, errors: [{ message: "line is longer than 200 bytes" }] },
    ]);
    const quoted = await readBytes(Buffer.from(`${HEADER}1,"Q${"\n".repeat(300)}",x,,y,,\n`), 200);
    expect(quoted).toEqual([{ line: expect.any(Number), errors: [{ message: "line is longer than 200 bytes" }] }]);
  });

  it("stops at a record with more columns than any import needs", async () => {
    expect(await read(`${HEADER}${",".repeat(5000)}\n`)).toEqual([{ line: 2, errors: [{ message: "has more than 1000 columns" }] }]);
  });

  it("reports CSV errors in file order with the rows around them", async () => {
    const entries = await read(`${HEADER}1,Q,x,,y,,\n2,Q,x",,y,,\n3,Q,x,,y,,\n`);
    expect(entries.map((entry) => [entry.line, "item" in entry])).toEqual([
      [2, true],
      [3, false],
      [4, true],
    ]);
  });
});

describe("readCsvHeader", () => {
  it("reads quoted column names and stops", async () => {
    expect(await readCsvHeader(Readable.from([Buffer.from('\uFEFF"the, prompt",b\n1,2\n')]))).toEqual({ line: 1, columns: ["the, prompt", "b"] });
  });
});

describe("parseMappingText", () => {
  it("reads the command line's --map, models following their response", () => {
    expect(csvMappingSchema.parse(parseMappingText("prompt=q,response=a,model=ma,response=b,reference=w"))).toEqual({
      prompt: "q",
      responses: [{ text: "a", model: "ma" }, { text: "b" }],
      reference: "w",
    });
    expect(() => parseMappingText("model=x")).toThrow(/must follow/);
    expect(csvMappingSchema.safeParse(parseMappingText("prompt=q,response=a")).success).toBe(false);
  });
});
