// CSV with a column mapping: each row is one item whose prompt, id, responses, models and reference
// preference come from the columns the mapping names. Read as a stream with csv-parse.
import type { Readable } from "node:stream";
import { parse, type CsvError } from "csv-parse";
import type { ItemInput } from "@/lib/formats/item";
import type { FieldError } from "@/lib/formats/zod-issues";
import type { CsvMapping } from "@/lib/validations/import";

export type CsvEntry = { line: number; item: ItemInput } | { line: number; errors: FieldError[] };

/** The header's column names, or errors naming what is wrong with the mapping. */
export function mappingErrors(columns: string[], mapping: CsvMapping): FieldError[] {
  const named = [mapping.prompt, mapping.id, mapping.reference, ...mapping.responses.flatMap((r) => [r.text, r.model])];
  return named
    .filter((name): name is string => name !== undefined && !columns.includes(name))
    .map((name) => ({ field: name, message: `no column named "${name}" in the header (${columns.join(", ")})` }));
}

function csvParser() {
  const errors: CsvError[] = [];
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => void (error && errors.push(error)),
  });
  return { parser, errors };
}

/** The first row of a CSV stream: its column names. */
export async function readCsvHeader(source: Readable): Promise<string[]> {
  const { parser } = csvParser();
  source.pipe(parser);
  for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
    source.unpipe(parser);
    source.destroy();
    return record;
  }
  return [];
}

export async function* readCsvRecords(source: Readable, mapping: CsvMapping): AsyncGenerator<CsvEntry> {
  const { parser, errors } = csvParser();
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  let columns: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    // Errors csv-parse skipped (an unclosed quote, say) come before the record after them.
    for (const error of errors.splice(0)) yield parseErrorEntry(error);
    if (columns === null) {
      columns = record.map((name) => name.trim());
      const problems = mappingErrors(columns, mapping);
      if (problems.length > 0) {
        yield { line: info.lines, errors: problems };
        return;
      }
      continue;
    }
    yield rowEntry(info.lines, columns, record, mapping);
  }
  for (const error of errors.splice(0)) yield parseErrorEntry(error);
}

function parseErrorEntry(error: CsvError): CsvEntry {
  const line = (error as unknown as { lines?: number }).lines ?? 0;
  return { line, errors: [{ message: `not valid CSV (${error.message.replace(/^Invalid [^:]*: /, "")})` }] };
}

function rowEntry(line: number, columns: string[], record: string[], mapping: CsvMapping): CsvEntry {
  if (record.length !== columns.length) {
    return { line, errors: [{ message: `has ${record.length} columns, the header has ${columns.length}` }] };
  }
  const cell = (name: string) => record[columns.indexOf(name)];
  const errors: FieldError[] = [];
  const prompt = cell(mapping.prompt);
  if (prompt.trim() === "") errors.push({ field: mapping.prompt, message: "the prompt is empty" });
  let preferred: number | null = null;
  const referenceText = mapping.reference ? cell(mapping.reference).trim() : "";
  if (mapping.reference && referenceText !== "") {
    preferred = referenceIndex(referenceText, mapping);
    if (preferred === null) {
      const names = mapping.responses.map((r) => r.text).join(", ");
      errors.push({
        field: mapping.reference,
        message: `"${referenceText}" names no response: use a response column (${names}) or its number 1-${mapping.responses.length}`,
      });
    }
  }
  if (errors.length > 0) return { line, errors };
  const id = mapping.id ? cell(mapping.id).trim() : "";
  return {
    line,
    item: {
      externalId: id === "" ? null : id,
      context: [{ role: "user", content: prompt }],
      candidates: mapping.responses.map((response, i) => ({
        text: cell(response.text),
        model: response.model ? cell(response.model).trim() || null : null,
        meta: {},
        referenceRank: preferred === null ? null : i === preferred ? 1 : 2,
      })),
      meta: {},
    },
  };
}

function referenceIndex(value: string, mapping: CsvMapping): number | null {
  const byName = mapping.responses.findIndex((r) => r.text === value);
  if (byName >= 0) return byName;
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= mapping.responses.length ? number - 1 : null;
}
