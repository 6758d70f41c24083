// A corpus of bad import files, one list per format, for the data layer's tests and the HTTP ones
// alike: each must be refused whole (4xx, the documented error shape, the line of each error) and
// leave no batch or item behind.
import { gzipSync } from "node:zlib";
import type { ImportFormat } from "@/lib/formats/import-formats";
import type { CsvMapping } from "@/lib/validations/import";

export type ExpectedDetail = { line: number; field?: string; message: RegExp };

export type BadImportFile = {
  name: string;
  format: ImportFormat;
  /** For CSV: the mapping, also as the one-shot route's ?map= text. */
  mapping?: CsvMapping;
  map?: string;
  body: Buffer;
  code: "INVALID_FILE";
  /** The details in order; the report may have more only where said (`atLeast`). */
  details: ExpectedDetail[];
};

const MB = 1024 * 1024;
const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28]);

function lines(...parts: (string | Buffer)[]): Buffer {
  return Buffer.concat(parts.map((part) => Buffer.concat([Buffer.from(part), Buffer.from("\n")])));
}

/** A JSON line with bytes spliced into one string: `{"a": "<bytes>"}`-style, from a template. */
function withBytes(before: string, bytes: Buffer, after: string): Buffer {
  return Buffer.concat([Buffer.from(before), bytes, Buffer.from(after)]);
}

/** `[[[...1...]]]`, nested depth times. */
function nestedJson(depth: number): string {
  return `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

/**
 * Gzip of a good first line, then an endless second line: 4 GB from about 4 MB of gzip members
 * (a gzip file may be several members end to end, each 1000:1 here).
 */
export function gzipBomb(firstLine: string): Buffer {
  const member = gzipSync(Buffer.alloc(64 * MB, "x"), { level: 9 });
  return Buffer.concat([gzipSync(`${firstLine}\n`), ...Array.from({ length: 64 }, () => member)]);
}

const PREFLAB_GOOD = JSON.stringify({ prompt: "Q", responses: [{ text: "a" }, { text: "b" }] });
const HH_GOOD = JSON.stringify({ chosen: "\n\nHuman: Hi\n\nAssistant: Hello", rejected: "\n\nHuman: Hi\n\nAssistant: Go away" });
const TRL_GOOD = JSON.stringify({ prompt: "Q", chosen: "a", rejected: "b" });

const UTF8 = /not valid UTF-8/;
const NUL = /NUL character/;
const TOO_LONG = /line is longer than 16 MB/;
const BOMB = /decompressed, the file grows past 100 times its compressed size/;

type BadLine = { line: string; field: string };

function jsonlCorpus(format: "preflab" | "hh-rlhf" | "trl", good: string, { wrongTypes, nul }: { wrongTypes: BadLine; nul: BadLine }): BadImportFile[] {
  const file = (name: string, body: Buffer, details: ExpectedDetail[]): BadImportFile => ({
    name: `${format}: ${name}`,
    format,
    body,
    code: "INVALID_FILE",
    details,
  });
  const stringField = format === "hh-rlhf" ? "chosen" : "prompt";
  const big = "y".repeat(5 * MB);
  return [
    file("truncated JSON", lines(good, good.slice(0, -7)), [{ line: 2, message: /^not valid JSON/ }]),
    file("wrong types", lines(good, wrongTypes.line, good), [{ line: 2, field: wrongTypes.field, message: /expected/ }]),
    file("5 MB strings where a string is wrong", lines(good, JSON.stringify({ [stringField]: 5, chosen: [big], rejected: big, responses: big })), [
      { line: 2, message: /./ },
    ]),
    file("a NUL escape", lines(good, nul.line), [{ line: 2, field: nul.field, message: NUL }]),
    file("a raw NUL byte", lines(good, withBytes(good.slice(0, 12), Buffer.from([0]), good.slice(12))), [{ line: 2, message: /./ }]),
    file("invalid UTF-8", lines(good, withBytes('{"prompt": "', INVALID_UTF8, '"}'), good), [{ line: 2, message: UTF8 }]),
    file("a line over 16 MB", lines(good, JSON.stringify({ [stringField]: "z".repeat(17 * MB) }), "{bad"), [
      { line: 2, message: TOO_LONG },
      { line: 3, message: /^not valid JSON/ },
    ]),
    file("a gzip bomb", gzipBomb(good), [
      { line: 2, message: TOO_LONG },
      { line: 2, message: BOMB },
    ]),
  ];
}

const CSV_MAPPING: CsvMapping = { prompt: "question", responses: [{ text: "a" }, { text: "b" }] };
const CSV_MAP = "prompt=question,response=a,response=b";

function csvCorpus(): BadImportFile[] {
  const file = (name: string, body: Buffer, details: ExpectedDetail[]): BadImportFile => ({
    name: `csv: ${name}`,
    format: "csv",
    mapping: CSV_MAPPING,
    map: CSV_MAP,
    body,
    code: "INVALID_FILE",
    details,
  });
  const header = "question,a,b";
  return [
    file("mismatched rows", lines(header, "Q,x,y", "Q,x", "Q,x,y,z"), [
      { line: 3, message: /has 2 columns, the header has 3/ },
      { line: 4, message: /has 4 columns, the header has 3/ },
    ]),
    file("an unclosed quote", lines(header, "Q,x,y", 'Q,"x,y'), [{ line: 3, message: /not valid CSV/ }]),
    file("invalid UTF-8", lines(header, withBytes("Q,", INVALID_UTF8, ",y")), [{ line: 2, field: "a", message: UTF8 }]),
    file("a NUL byte", lines(header, "Q,x\u0000,y"), [{ line: 2, field: "a", message: NUL }]),
    file("an empty prompt and a 5 MB cell", lines(header, `,${"y".repeat(5 * MB)},z`), [{ line: 2, field: "question", message: /the prompt is empty/ }]),
    file("a record over 16 MB", lines(header, `Q,"${"z".repeat(17 * MB)}",y`), [{ line: 2, message: TOO_LONG }]),
    file("a gzip bomb", gzipBomb(`${header}\nQ,x,y`), [{ line: 3, message: TOO_LONG }]),
  ];
}

/** Preflab's own fields beyond the texts: ids, models and metadata go to PostgreSQL too. */
function preflabExtras(): BadImportFile[] {
  const file = (name: string, line: string, details: ExpectedDetail[]): BadImportFile => ({
    name: `preflab: ${name}`,
    format: "preflab",
    body: lines(PREFLAB_GOOD, line),
    code: "INVALID_FILE",
    details,
  });
  const responses = [{ text: "a" }, { text: "b" }];
  return [
    file(
      "a NUL in the id, a model and metadata",
      JSON.stringify({ id: "q\u0000", prompt: "Q", responses: [{ text: "a", model: "m\u0000" }, { text: "b" }], meta: { k: "\u0000" } }),
      [
        { line: 2, field: "id", message: NUL },
        { line: 2, field: "responses[0].model", message: NUL },
        { line: 2, field: "meta", message: NUL },
      ],
    ),
    file("metadata nested 100,000 deep", `{"prompt": "Q", "responses": ${JSON.stringify(responses)}, "meta": {"deep": ${nestedJson(100_000)}}}`, [
      { line: 2, field: "meta", message: /nested deeper than 64 levels/ },
    ]),
    file("a misspelt field and one of its own at the top", JSON.stringify({ prompt: "Q", responses, explaination: "why", source: "forum" }), [
      { line: 2, field: "explaination", message: /^unknown field; did you mean explanation\?$/ },
      { line: 2, field: "source", message: /^unknown field; keep other data under "meta"$/ },
    ]),
  ];
}

/** Every bad file; built on demand (it holds some 100 MB). */
export function badImportFiles(): BadImportFile[] {
  const nulPrompt = { line: JSON.stringify({ prompt: "x\u0000y", chosen: "a", rejected: "b" }), field: "messages[0].content" };
  return [
    ...jsonlCorpus("preflab", PREFLAB_GOOD, {
      wrongTypes: { line: JSON.stringify({ prompt: 3, responses: [{ text: "a" }, { text: "b" }] }), field: "prompt" },
      nul: { line: JSON.stringify({ prompt: "x\u0000y", responses: [{ text: "a" }, { text: "b" }] }), field: "messages[0].content" },
    }),
    ...preflabExtras(),
    ...jsonlCorpus("hh-rlhf", HH_GOOD, {
      wrongTypes: { line: JSON.stringify({ chosen: 1, rejected: "x" }), field: "chosen" },
      nul: {
        line: JSON.stringify({ chosen: "\n\nHuman: Hi\u0000\n\nAssistant: a", rejected: "\n\nHuman: Hi\u0000\n\nAssistant: b" }),
        field: "messages[0].content",
      },
    }),
    ...jsonlCorpus("trl", TRL_GOOD, { wrongTypes: { line: JSON.stringify({ prompt: "Q", chosen: 5, rejected: "b" }), field: "chosen" }, nul: nulPrompt }),
    ...csvCorpus(),
  ];
}

/**
 * Why a report does not match what a bad file expects, or null when it does: each expected detail
 * is there, in order (the report may hold more), and every detail names its line.
 */
export function detailsMismatch(actual: { line?: number; field?: string; message: string }[], expected: ExpectedDetail[]): string | null {
  const unnumbered = actual.find((detail) => typeof detail.line !== "number");
  if (unnumbered) return `a detail without a line: ${JSON.stringify(unnumbered)}`;
  let next = 0;
  for (const detail of actual) {
    const want = expected[next];
    if (want && detail.line === want.line && (want.field === undefined || detail.field === want.field) && want.message.test(detail.message)) next++;
  }
  return next === expected.length
    ? null
    : `expected ${JSON.stringify(expected[next], (_, v) => (v instanceof RegExp ? String(v) : v))} in ${JSON.stringify(actual)}`;
}
