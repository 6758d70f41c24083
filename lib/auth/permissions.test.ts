import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, scopeAllows } from "@/lib/auth/permissions";

describe("permission table", () => {
  it("keeps project management, imports, people, studies, the audit log and model endpoints for admins only", () => {
    for (const permission of ["project:manage", "batch:import", "user:manage", "study:manage", "audit:view", "model:manage"] as const) {
      expect(can("ADMIN", permission)).toBe(true);
      expect(can("RESEARCHER", permission)).toBe(false);
      expect(can("WORKER", permission)).toBe(false);
    }
  });

  it("lets researchers and admins export, never workers", () => {
    expect(can("RESEARCHER", "export:download")).toBe(true);
    expect(can("ADMIN", "export:download")).toBe(true);
    expect(can("WORKER", "export:download")).toBe(false);
    expect(can("WORKER", "project:view")).toBe(false);
  });

  it("gives every permission to at least one role", () => {
    for (const roles of Object.values(PERMISSIONS)) expect(roles.length).toBeGreaterThan(0);
  });

  it("limits tokens to their scopes", () => {
    expect(scopeAllows(["tasks"], "task:work")).toBe(true);
    expect(scopeAllows(["tasks"], "export:download")).toBe(false);
    expect(scopeAllows(["export"], "export:download")).toBe(true);
    expect(scopeAllows(["bogus"], "task:work")).toBe(false);
    expect(scopeAllows(["admin"], "model:manage")).toBe(true);
    expect(scopeAllows(["export"], "model:manage")).toBe(false);
  });
});
