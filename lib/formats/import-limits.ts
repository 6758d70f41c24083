// The limits every import is read within, whatever its format and however it arrives (page, API,
// command line). Each is enforced while the bytes stream past, so memory is bounded by these
// numbers, never by the file.

/** The largest file, as sent (compressed, when it is gzip). */
export const IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

/** The longest JSONL line or CSV record, in bytes once decompressed; a longer one is refused, never held whole. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** Columns a CSV record may have: csv-parse keeps an array entry per field, so a line of commas is not free. */
export const MAX_CSV_COLUMNS = 1000;

/** Nesting of metadata values: deeper JSON overflows the call stack when it is serialised for PostgreSQL. */
export const MAX_JSON_DEPTH = 64;

/**
 * Gzip output allowed per compressed byte read, past the first GZIP_FREE_BYTES (room for a longest
 * line of repeated text). JSONL and CSV compress about 3-10:1; a gzip bomb reaches 1000:1 and is
 * stopped by this ratio after a few tens of MB.
 */
export const GZIP_MAX_RATIO = 100;
export const GZIP_FREE_BYTES = 2 * MAX_LINE_BYTES;

/** The most a gzip file may decompress to, whatever its ratio. */
export const GZIP_MAX_OUTPUT_BYTES = 10 * IMPORT_MAX_BYTES;
