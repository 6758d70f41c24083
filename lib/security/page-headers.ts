// The security headers of the app's pages, made per request by proxy.ts: a Content-Security-Policy whose
// scripts must carry this request's nonce, and who may frame the page. Headers that are the same for every
// response (nosniff, HSTS) and those of the JSON API are in next.config.js.
import { MTURK_SUBMIT_ORIGINS } from "@/lib/validations/study";

/**
 * Where MTurk shows an ExternalQuestion in a frame, and where its post-back may land: the workers' site,
 * and the origins `turkSubmitTo` names (they also redirect the submitted form to the workers' site).
 */
export const MTURK_ORIGINS = ["https://worker.mturk.com", ...MTURK_SUBMIT_ORIGINS] as const;

/** `/study/...`: the study links and pages MTurk frames and the completion form that posts to MTurk. */
export function isStudyPath(pathname: string): boolean {
  return pathname === "/study" || pathname.startsWith("/study/");
}

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** MTURK_SUBMIT_HOSTS allows any port of an origin given without one; CSP says that with ":*". */
export function originSource(origin: string): string {
  const url = new URL(origin);
  return url.port ? url.origin : `${url.origin}:*`;
}

type PolicyOptions = { nonce: string; studyPage: boolean; extraMturkOrigins: readonly string[]; dev: boolean };

export function contentSecurityPolicy({ nonce, studyPage, extraMturkOrigins, dev }: PolicyOptions): string {
  const mturk = studyPage ? [...MTURK_ORIGINS, ...extraMturkOrigins.map(originSource)] : [];
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'strict-dynamic' lets the scripts Next loads with the nonce load their chunks; 'self' is for browsers
    // older than CSP 3. React's development build needs eval for its error overlay.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // <style> elements need the nonce (Next puts it on its own); the development server injects styles without it.
    ["style-src", "'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    // React renders `style={...}` as an attribute in the server's HTML, which no nonce can cover: without it
    // the batch page's chart container has no height and draws nothing. An attribute styles only its own
    // element and cannot load anything img-src refuses; a <style> element could restyle the whole page.
    ["style-src-attr", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...mturk],
    ["frame-ancestors", "'self'", ...mturk],
  ];
  return directives.map((sources) => sources.join(" ")).join("; ");
}

type PageOptions = { pathname: string; nonce: string; extraMturkOrigins: readonly string[]; dev?: boolean };

export function pageSecurityHeaders({ pathname, nonce, extraMturkOrigins, dev = false }: PageOptions): Record<string, string> {
  const studyPage = isStudyPath(pathname);
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy({ nonce, studyPage, extraMturkOrigins, dev }),
    // Never a path or query to another site: study links carry platform ids. Not no-referrer: with it a
    // form post sends `Origin: null`, and Next refuses such a Server Action post as cross-site.
    "Referrer-Policy": "strict-origin-when-cross-origin",
  };
  // For browsers without frame-ancestors. It can only say DENY or SAMEORIGIN, so study pages, which MTurk
  // frames, rely on frame-ancestors alone.
  if (!studyPage) headers["X-Frame-Options"] = "SAMEORIGIN";
  return headers;
}
