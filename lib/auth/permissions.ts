// Who may do what: the one table every page, action and route checks on the server.
import type { Role } from "@/lib/generated/prisma/enums";

export const PERMISSIONS = {
  "task:work": ["WORKER", "RESEARCHER", "ADMIN"],
  "token:manage-own": ["WORKER", "RESEARCHER", "ADMIN"],
  "project:view": ["RESEARCHER", "ADMIN"],
  "export:download": ["RESEARCHER", "ADMIN"],
  "project:manage": ["ADMIN"],
  "batch:import": ["ADMIN"],
  "user:manage": ["ADMIN"],
  "study:manage": ["ADMIN"],
  "audit:view": ["ADMIN"],
  // Model endpoints hold API keys and make the server send requests where they say: admins only.
  "model:manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** What an API token with a scope may be used for; a token never exceeds its owner's role. */
export const TOKEN_SCOPES = {
  tasks: ["task:work"],
  export: ["export:download", "project:view"],
  admin: ["project:manage", "batch:import", "user:manage", "study:manage", "audit:view", "model:manage", "project:view"],
} as const satisfies Record<string, readonly Permission[]>;

export type TokenScope = keyof typeof TOKEN_SCOPES;

export function scopeAllows(scopes: readonly string[], permission: Permission): boolean {
  return scopes.some((scope) => (TOKEN_SCOPES[scope as TokenScope] as readonly Permission[] | undefined)?.includes(permission));
}
