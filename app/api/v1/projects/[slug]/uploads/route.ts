import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { saveUpload } from "@/lib/data/uploads";
import { AppError } from "@/lib/errors";
import { uploadFilenameSchema } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";
import { z } from "zod";

const querySchema = z.object({ filename: uploadFilenameSchema });

/**
 * POST the raw file as the body (?filename=...). It is streamed to the server's disk, up to 1 GB,
 * and checked and imported from there by /api/v1/uploads/{id}/check and /commit.
 */
export const POST = apiRoute<{ slug: string }>("batch:import", async ({ request, actor, params }) => {
  const { filename } = parseInput(querySchema, { filename: new URL(request.url).searchParams.get("filename") ?? "" });
  if (!request.body) throw new AppError("INVALID_FILE", "The request has no file in its body");
  const upload = await saveUpload({
    actor,
    projectSlug: params.slug,
    body: Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>),
    filename,
    declaredBytes: Number(request.headers.get("content-length")) || null,
  });
  return jsonResponse({ upload }, { status: 201 });
});
