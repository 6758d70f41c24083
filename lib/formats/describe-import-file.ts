// What an uploaded file looks like from its first line: the format to propose and, for CSV, the
// header columns the mapping form offers.
import type { Readable } from "node:stream";
import { createInterface } from "node:readline";
import { readCsvHeader } from "@/lib/formats/csv-records";
import { openImportSource } from "@/lib/formats/gzip-source";
import { detectImportFormat, type ImportFormat } from "@/lib/formats/import-formats";

export type FileDescription = { format: ImportFormat | null; gzip: boolean; columns: string[] | null };

// Content that does not decode (bad gzip, bad CSV) only means the format is unknown; a failure to read
// the file itself (EIO, EACCES: an error with a system call) is the server's, and is thrown.
function unlessReadFailure<T>(value: T) {
  return (error: unknown): T => {
    if (typeof (error as NodeJS.ErrnoException | null)?.syscall === "string") throw error;
    return value;
  };
}

export async function describeImportFile(open: () => Readable): Promise<FileDescription> {
  const first = await openImportSource(open());
  const lines = createInterface({ input: first.stream, crlfDelay: Infinity });
  let firstLine: string | null = null;
  try {
    for await (const text of lines) {
      if (text.trim() === "") continue;
      firstLine = text.replace(/^\uFEFF/, "");
      break;
    }
  } catch (error) {
    return unlessReadFailure({ format: null, gzip: first.gzip, columns: null })(error);
  } finally {
    lines.close();
    first.stream.destroy();
  }
  if (firstLine === null) return { format: null, gzip: first.gzip, columns: null };
  if (firstLine.trimStart().startsWith("{")) {
    try {
      return { format: detectImportFormat(JSON.parse(firstLine)), gzip: first.gzip, columns: null };
    } catch {
      return { format: null, gzip: first.gzip, columns: null }; // a first line that is not JSON: no format to propose
    }
  }
  // Not JSON: read the header with the CSV parser itself, so quoted names come out right.
  const second = await openImportSource(open());
  const columns = await readCsvHeader(second.stream).catch(unlessReadFailure(null));
  return { format: columns && columns.length > 0 ? "csv" : null, gzip: first.gzip, columns: columns?.map((c) => c.trim()) ?? null };
}
