// csv-parse set up for imports: each field decoded as strict UTF-8, a record of at most
// maxRecordBytes and MAX_CSV_COLUMNS, and the errors of skipped records delivered in order with
// the records, under the same backpressure, so a file of nothing but bad rows never piles up.
import { Transform, type Readable } from "node:stream";
import { parse, type CastingContext, type CsvError } from "csv-parse";
import { MAX_CSV_COLUMNS, MAX_LINE_BYTES } from "@/lib/formats/import-limits";
import { lineTooLongMessage } from "@/lib/formats/text-lines";

/**
 * A record with the columns whose bytes are not UTF-8 (their text is left empty), or an error at
 * a line. After a fatal error (a record over a limit) nothing more is read.
 */
export type CsvRow = { line: number; record: string[]; badColumns: number[] } | { line: number; error: string; fatal: boolean };

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Drops a UTF-8 BOM from the start of the bytes: csv-parse's own BOM option would decode fields loosely. */
function withoutBom(): Transform {
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (head === null) return done(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < UTF8_BOM.length && UTF8_BOM.subarray(0, head.length).equals(head)) return done();
      const bytes = head.subarray(0, UTF8_BOM.length).equals(UTF8_BOM) ? head.subarray(UTF8_BOM.length) : head;
      head = null;
      done(null, bytes);
    },
    flush(done) {
      done(null, head?.length ? head : undefined);
    },
  });
}

type Marker = { line: number; error: string; fatal: boolean };
type BadField = { line: number; column: number };

function errorLine(error: CsvError): number {
  return (error as unknown as { lines?: number }).lines ?? 0;
}

/** The parser, fed from source. A fatal error is put in the output and feeding stops at once, so the rows before it still come out. */
function startParser(source: Readable, maxRecordBytes: number) {
  const badFields: BadField[] = [];
  const bytes = withoutBom();
  let stopped = false;
  const stop = (line: number, error: string) => {
    if (stopped) return;
    stopped = true;
    bytes.unpipe(parser);
    parser.push({ line, error, fatal: true } satisfies Marker);
  };
  // Fields come as bytes (encoding: null) so that each is decoded strictly here, and one that is
  // not UTF-8 is reported rather than stored with U+FFFD in it.
  const cast = (value: Buffer, context: CastingContext) => {
    if (context.index >= MAX_CSV_COLUMNS) stop(context.lines, `has more than ${MAX_CSV_COLUMNS} columns`);
    if (stopped) return "";
    try {
      return decoder.decode(value);
    } catch {
      badFields.push({ line: context.lines, column: context.index });
      return "";
    }
  };
  const parser = parse({
    encoding: null,
    cast: cast as unknown as (value: string, context: CastingContext) => string,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordBytes,
    on_skip: (error) => {
      if (!error) return undefined;
      // csv-parse parses no further after this one, even when it skips records with errors.
      if (error.code === "CSV_MAX_RECORD_SIZE") stop(errorLine(error), lineTooLongMessage(maxRecordBytes));
      else if (!stopped) parser.push({ line: errorLine(error), error: `not valid CSV (${error.message.replace(/^Invalid [^:]*: /, "")})`, fatal: false });
      return undefined;
    },
  });
  source.on("error", (error) => parser.destroy(error));
  source.pipe(bytes).pipe(parser);
  return { parser, badFields };
}

/** The columns of the bad fields up to a record's last line, taken off the list. */
function takeBadFields(badFields: BadField[], line: number): number[] {
  let count = 0;
  while (count < badFields.length && badFields[count].line <= line) count++;
  return badFields.splice(0, count).map((field) => field.column);
}

type Parsed = { record: string[]; info: { lines: number } } | Marker;

/** The rows of a CSV byte stream; the source is closed when the reading ends, early or not. */
export async function* readCsvRows(source: Readable, maxRecordBytes = MAX_LINE_BYTES): AsyncGenerator<CsvRow> {
  const { parser, badFields } = startParser(source, maxRecordBytes);
  try {
    for await (const row of parser as AsyncIterable<Parsed>) {
      if ("error" in row) {
        yield row;
        if (row.fatal) return;
        continue;
      }
      yield { line: row.info.lines, record: row.record, badColumns: takeBadFields(badFields, row.info.lines) };
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
}
