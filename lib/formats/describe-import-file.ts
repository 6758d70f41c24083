// What an uploaded file looks like from its first line: the format to propose and, for CSV, the
// header columns the mapping form offers. It reads within the import limits (a first line of at
// most MAX_LINE_BYTES, gzip within its ratio), so a hostile upload cannot stop the server here.
import type { Readable } from "node:stream";
import { readCsvHeader } from "@/lib/formats/csv-records";
import { openImportSource } from "@/lib/formats/gzip-source";
import { detectImportFormat, type ImportFormat } from "@/lib/formats/import-formats";
import { readTextLines } from "@/lib/formats/text-lines";

export type FileDescription = { format: ImportFormat | null; gzip: boolean; columns: string[] | null };

// Content that does not decode (bad gzip, bad CSV, a line over the limit) only means the format is
// unknown; a failure to read the file itself (EIO, EACCES: an error with a system call) is the
// server's, and is thrown.
function unlessReadFailure<T>(value: T) {
  return (error: unknown): T => {
    if (typeof (error as NodeJS.ErrnoException | null)?.syscall === "string") throw error;
    return value;
  };
}

/** The first line that is not blank, or null when there is none or it cannot be read within the limits. */
async function readFirstLine(stream: Readable): Promise<string | null> {
  try {
    for await (const entry of readTextLines(stream)) {
      if ("error" in entry) return null;
      if (entry.text.trim() !== "") return entry.text.replace(/^\uFEFF/, "");
    }
    return null;
  } finally {
    stream.destroy();
  }
}

export async function describeImportFile(open: () => Readable): Promise<FileDescription> {
  const first = await openImportSource(open());
  const unknown = { format: null, gzip: first.gzip, columns: null };
  const firstLine = await readFirstLine(first.stream).catch(unlessReadFailure(null));
  if (firstLine === null) return unknown;
  if (firstLine.trimStart().startsWith("{")) {
    try {
      return { format: detectImportFormat(JSON.parse(firstLine)), gzip: first.gzip, columns: null };
    } catch {
      return unknown; // a first line that is not JSON: no format to propose
    }
  }
  // Not JSON: read the header with the CSV parser itself, so quoted names come out right.
  const second = await openImportSource(open());
  const header = await readCsvHeader(second.stream).catch(unlessReadFailure(null));
  return header && header.columns.length > 0 ? { format: "csv", gzip: first.gzip, columns: header.columns } : unknown;
}
