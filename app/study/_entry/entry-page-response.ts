// The pages a study link answers with itself, as a route handler's plain HTML: so they carry the
// right status (400 for a broken link, 410 for a closed study, ...) and need no session.
import { headers } from "next/headers";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

type EntryPage = {
  status: number;
  title: string;
  message: string;
  details?: string[];
  link?: { href: string; label: string; newTab?: boolean };
  retryAfterSeconds?: number;
};

export async function entryPageResponse({ status, title, message, details = [], link, retryAfterSeconds }: EntryPage): Promise<Response> {
  // The page's Content-Security-Policy (proxy.ts) lets a <style> element apply only with its nonce.
  const nonce = (await headers()).get("x-nonce") ?? "";
  const list = details.length > 0 ? `<ul>${details.map((d) => `<li>${escapeHtml(d)}</li>`).join("")}</ul>` : "";
  // A new tab by default: the link out of MTurk's frame must leave the frame.
  const target = link?.newTab === false ? "" : ' target="_blank" rel="noopener"';
  const action = link ? `<p><a href="${escapeHtml(link.href)}"${target}>${escapeHtml(link.label)}</a></p>` : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Preflab</title>
<style nonce="${escapeHtml(nonce)}">body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a;line-height:1.5}h1{font-size:1.4rem}a{display:inline-block;background:#4f46e5;color:#fff;padding:.5rem 1rem;border-radius:.25rem;text-decoration:none}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p role="${status >= 400 ? "alert" : "status"}">${escapeHtml(message)}</p>${list}${action}</main></body></html>`;
  const responseHeaders: Record<string, string> = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
  if (retryAfterSeconds !== undefined) responseHeaders["retry-after"] = String(retryAfterSeconds);
  return new Response(html, { status, headers: responseHeaders });
}
