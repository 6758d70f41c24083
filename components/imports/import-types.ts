import type { ImportFormat } from "@/lib/formats/import-formats";
import type { ItemInput } from "@/lib/formats/item";

// What the import API answers at each step, as the browser reads it.
export type StagedUpload = { uploadId: string; filename: string; byteSize: number; format: ImportFormat | null; gzip: boolean; columns: string[] | null };
export type CheckReport = { itemCount: number; duplicatesInProject: number; duplicatesInFile: number; preview: { line: number; item: ItemInput }[] };
export type Committed = { batchId: string; batchName: string; itemCount: number; duplicatesSkipped: number; status: string };
