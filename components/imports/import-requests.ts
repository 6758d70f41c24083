// The browser's side of a staged import: the upload (XMLHttpRequest, for its upload progress) and
// the check and commit requests, whose NDJSON answers carry progress lines and then the outcome.
import type { ErrorDetail } from "@/lib/errors";

export type ApiError = { code: string; message: string; details: ErrorDetail[] };
export type Outcome<T> = { result: T } | { error: ApiError };

export function uploadFile(url: string, file: File, onProgress: (fraction: number) => void): Promise<Outcome<unknown>> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      let body: { upload?: unknown; error?: ApiError } | null = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // Answered, but not with JSON (a proxy's error page, say): reported by status below.
      }
      if (request.status === 201 && body?.upload) resolve({ result: body.upload });
      else resolve({ error: body?.error ?? { code: "HTTP", message: `The server answered ${request.status}.`, details: [] } });
    };
    request.onerror = () =>
      resolve({ error: { code: "NETWORK", message: "The upload did not reach the server. Check the connection and try again.", details: [] } });
    request.send(file);
  });
}

export type Progress = { bytesRead: number; totalBytes: number | null; items: number };

/** POSTs JSON and reads the NDJSON answer line by line: progress as it comes, then the result or error. */
export async function postWithProgress<T>(url: string, body: unknown, onProgress: (progress: Progress) => void): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    return { error: { code: "NETWORK", message: "The request did not reach the server. Check the connection and try again.", details: [] } };
  }
  if (!response.ok || !response.body) {
    const payload = (await response.json().catch(() => null)) as { error?: ApiError } | null;
    return { error: payload?.error ?? { code: "HTTP", message: `The server answered ${response.status}.`, details: [] } };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    // A connection lost mid-answer ends the reading; it is reported below like an answer cut short.
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (value) buffer += value;
    const lines = buffer.split("\n");
    buffer = done ? "" : (lines.pop() ?? "");
    for (const line of lines.filter((l) => l.trim() !== "")) {
      const message = JSON.parse(line) as { progress?: Progress; result?: T; error?: ApiError };
      if (message.progress) onProgress(message.progress);
      else if (message.error) return { error: message.error };
      else if ("result" in message) return { result: message.result as T };
    }
    if (done) return { error: { code: "NETWORK", message: "The connection closed before the server answered. Try again.", details: [] } };
  }
}
