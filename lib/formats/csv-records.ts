// CSV with a column mapping: each row is one item whose prompt, id, responses, models and reference
// preference come from the columns the mapping names. Read as a stream (csv-rows.ts) within the
// import limits.
import type { Readable } from "node:stream";
import { readCsvRows } from "@/lib/formats/csv-rows";
import { MAX_LINE_BYTES } from "@/lib/formats/import-limits";
import type { ItemInput } from "@/lib/formats/item";
import type { FieldError } from "@/lib/formats/zod-issues";
import type { CsvMapping } from "@/lib/validations/import";

export type CsvEntry = { line: number; item: ItemInput } | { line: number; errors: FieldError[] };
export type CsvHeader = { line: number; columns: string[] };

/** The header's column names, or errors naming what is wrong with the mapping. */
export function mappingErrors(columns: string[], mapping: CsvMapping): FieldError[] {
  const named = [mapping.prompt, mapping.id, mapping.reference, mapping.explanation, ...mapping.responses.flatMap((r) => [r.text, r.model])];
  return named
    .filter((name): name is string => name !== undefined && !columns.includes(name))
    .map((name) => ({ field: name, message: `no column named "${name}" in the header (${columns.join(", ")})` }));
}

const INVALID_UTF8 = "not valid UTF-8 (save the file as UTF-8)";
const INVALID_HEADER = `the header is ${INVALID_UTF8}`;

/** The first row of a CSV stream: its column names and its line; null when there is none or it cannot be read. */
export async function readCsvHeader(source: Readable, maxRecordBytes = MAX_LINE_BYTES): Promise<CsvHeader | null> {
  for await (const row of readCsvRows(source, maxRecordBytes)) {
    if ("error" in row || row.badColumns.length > 0) return null;
    return { line: row.line, columns: row.record.map((name) => name.trim()) };
  }
  return null;
}

export async function* readCsvRecords(source: Readable, mapping: CsvMapping, maxRecordBytes = MAX_LINE_BYTES): AsyncGenerator<CsvEntry> {
  let columns: string[] | null = null;
  for await (const row of readCsvRows(source, maxRecordBytes)) {
    if ("error" in row) {
      yield { line: row.line, errors: [{ message: row.error }] };
      continue;
    }
    if (columns === null) {
      columns = row.record.map((name) => name.trim());
      const problems = row.badColumns.length > 0 ? [{ message: INVALID_HEADER }] : mappingErrors(columns, mapping);
      if (problems.length > 0) {
        yield { line: row.line, errors: problems };
        return;
      }
      continue;
    }
    yield row.badColumns.length > 0 ? invalidUtf8Entry(row.line, columns, row.badColumns) : rowEntry(row.line, columns, row.record, mapping);
  }
}

function invalidUtf8Entry(line: number, columns: string[], bad: number[]): CsvEntry {
  return { line, errors: bad.map((column) => ({ field: columns[column], message: INVALID_UTF8 })) };
}

const NUL_MESSAGE = "contains a NUL character (\\u0000), which cannot be stored";

function rowEntry(line: number, columns: string[], record: string[], mapping: CsvMapping): CsvEntry {
  if (record.length !== columns.length) {
    return { line, errors: [{ message: `has ${record.length} columns, the header has ${columns.length}` }] };
  }
  const cell = (name: string) => record[columns.indexOf(name)];
  // Every cell, mapped or not: a NUL is a sign of a binary or mis-encoded file (UTF-16, say).
  const errors: FieldError[] = columns.filter((_, i) => record[i].includes("\u0000")).map((field) => ({ field, message: NUL_MESSAGE }));
  const prompt = cell(mapping.prompt);
  if (prompt.trim() === "") errors.push({ field: mapping.prompt, message: "the prompt is empty" });
  const preferred = mapping.reference ? referenceOf(cell(mapping.reference).trim(), mapping, errors) : null;
  if (errors.length > 0) return { line, errors };
  const id = mapping.id ? cell(mapping.id).trim() : "";
  const explanation = mapping.explanation ? cell(mapping.explanation).trim() : "";
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
      ...(explanation === "" ? {} : { referenceNote: explanation }),
    },
  };
}

/** The preferred response's index from the reference cell; null when it is empty or names none (an error, then). */
function referenceOf(value: string, mapping: CsvMapping, errors: FieldError[]): number | null {
  if (value === "" || !mapping.reference) return null;
  const preferred = referenceIndex(value, mapping);
  if (preferred === null) {
    const names = mapping.responses.map((r) => r.text).join(", ");
    const shown = value.length > 100 ? `${value.slice(0, 100)}...` : value;
    errors.push({
      field: mapping.reference,
      message: `"${shown}" names no response: use a response column (${names}) or its number 1-${mapping.responses.length}`,
    });
  }
  return preferred;
}

function referenceIndex(value: string, mapping: CsvMapping): number | null {
  const byName = mapping.responses.findIndex((r) => r.text === value);
  if (byName >= 0) return byName;
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= mapping.responses.length ? number - 1 : null;
}
