// Every page, API route and Server Action of the app, read from the source with the permission it
// checks, so the access spec covers new entry points without anyone adding them to a list.
import fs from "node:fs";
import path from "node:path";
import type { Permission } from "@/lib/auth/permissions";

// Playwright runs from the project folder.
const ROOT = process.cwd();

/**
 * Entry points that check no permission on purpose: the home page (it sends each role on), signing
 * in and up by invite, health, the crowd-platform links and preview (they sign workers in), and the
 * built-in demo models' API (no user calls it: the app does, with a key derived from AUTH_SECRET,
 * which it checks; lib/models/demo-model-route.test.ts).
 */
export const PUBLIC_ENTRY_POINTS = new Set([
  "app/page.tsx",
  "app/(auth)/signin/page.tsx",
  "app/(auth)/invite/[token]/page.tsx",
  "app/api/auth/[...nextauth]/route.ts",
  "app/api/health/route.ts",
  "app/api/demo-model/v1/chat/completions/route.ts",
  "app/api/demo-model/v1/models/route.ts",
  "app/study/[id]/prolific/route.ts",
  "app/study/[id]/mturk/route.ts",
  "app/study/[id]/preview/page.tsx",
  "lib/actions/auth.ts#signInAction",
  "lib/actions/auth.ts#signOutAction",
  "lib/actions/invites.ts#signUpAction",
]);

export type EntryPoint = { file: string; permission: Permission | null };

function walk(dir: string, name: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return walk(relative, name);
    return entry.name === name ? [relative] : [];
  });
}

const source = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

function permissionIn(text: string, call: string): Permission | null {
  return (text.match(new RegExp(`${call}(?:<[^>]*>)?\\("([a-z-]+:[a-z-]+)"`))?.[1] as Permission | undefined) ?? null;
}

export function pages(): EntryPoint[] {
  return walk("app", "page.tsx").map((file) => {
    const text = source(file);
    // requirePagePermission("p"), or a page that answers signed-out visitors itself: can(role, "p") + forbidden().
    const checked = text.includes("forbidden()") ? (text.match(/\bcan\([^,()]+, "([a-z-]+:[a-z-]+)"\)/)?.[1] as Permission | undefined) : undefined;
    return { file, permission: permissionIn(text, "requirePagePermission") ?? checked ?? null };
  });
}

export type ApiEntryPoint = EntryPoint & { method: string };

export function apiRoutes(): ApiEntryPoint[] {
  return walk("app", "route.ts").flatMap((file) => {
    const text = source(file);
    const handlers = [...text.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b([^\n]*)/g)];
    // `export const { GET, POST } = handlers` hands requests to a library: no permission of ours.
    const destructured = [...text.matchAll(/export const \{([^}]+)\}/g)].flatMap(([, names]) => names.split(",").map((name) => name.trim()));
    return [
      ...handlers.map(([, method, rest]) => ({ file, method, permission: permissionIn(rest, "apiRoute") })),
      ...destructured.map((method) => ({ file, method, permission: null })),
    ];
  });
}

/** Exported Server Actions, each with the permission of the runAction it goes through. */
export function serverActions(): (EntryPoint & { name: string })[] {
  return fs
    .readdirSync(path.join(ROOT, "lib/actions"))
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
    .map((name) => `lib/actions/${name}`)
    .filter((file) => /^["']use server["']/m.test(source(file)))
    .flatMap((file) => {
      const text = source(file);
      const starts = [...text.matchAll(/export async function (\w+)/g)];
      return starts.map((match, i) => {
        const body = text.slice(match.index, starts[i + 1]?.index ?? text.length);
        return { file: `${file}#${match[1]}`, name: match[1], permission: permissionIn(body, "runAction") };
      });
    });
}

/** "app/(admin)/admin/projects/[slug]/page.tsx" -> "/admin/projects/<slug>" with the given values. */
export function urlOf(file: string, params: Record<string, string>): string {
  const segments = path.posix
    .dirname(file)
    .split("/")
    .slice(1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const name = segment.match(/^\[(?:\.\.\.)?(\w+)\]$/)?.[1];
      if (!name) return segment;
      if (!(name in params)) throw new Error(`No value for [${name}] of ${file}: add one to the access spec's params`);
      return params[name];
    });
  return `/${segments.join("/")}`;
}
