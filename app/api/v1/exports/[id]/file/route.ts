import fs from "node:fs";
import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/route";
import { openExportFile } from "@/lib/data/exports";
import { byteRange } from "@/lib/api/byte-range";

/** GET: the file of a finished export. Honours Range, so an interrupted download can resume. */
export const GET = apiRoute<{ id: string }>("export:download", async ({ request, params }) => {
  const file = await openExportFile({ exportId: params.id });
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename}"`,
    "accept-ranges": "bytes",
    "cache-control": "no-store",
    etag: `"${file.sha256}"`,
  };
  const range = byteRange(request.headers.get("range"), file.size);
  if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${file.size}` } });
  const { start, end } = range ?? { start: 0, end: file.size - 1 };
  const body = file.size === 0 ? null : (Readable.toWeb(fs.createReadStream(file.path, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, {
    status: range ? 206 : 200,
    headers: {
      ...headers,
      "content-length": String(file.size === 0 ? 0 : end - start + 1),
      ...(range ? { "content-range": `bytes ${start}-${end}/${file.size}` } : {}),
    },
  });
});
