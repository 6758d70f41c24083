import { describe, expect, it } from "vitest";
import { diffFields } from "@/components/audit/diff-fields";

describe("diffFields", () => {
  it("lines up the fields of before and after and marks the changed ones", () => {
    expect(diffFields({ email: "a@x", role: "WORKER" }, { email: "a@x", role: "ADMIN" })).toEqual([
      { field: "email", before: "a@x", after: "a@x", changed: false },
      { field: "role", before: "WORKER", after: "ADMIN", changed: true },
    ]);
  });

  it("shows a field only on one side as missing on the other", () => {
    expect(diffFields(null, { name: "raters", size: 3 })).toEqual([
      { field: "name", before: null, after: "raters", changed: true },
      { field: "size", before: null, after: "3", changed: true },
    ]);
    expect(diffFields({ blockedAt: null }, { blockedAt: "2026-01-01" })).toEqual([{ field: "blockedAt", before: "null", after: "2026-01-01", changed: true }]);
  });

  it("writes nested values and non-objects as JSON text", () => {
    expect(diffFields({ tags: ["a"] }, { tags: ["a", "b"] })).toEqual([{ field: "tags", before: '["a"]', after: '["a","b"]', changed: true }]);
    expect(diffFields([1], [2])).toEqual([{ field: "value", before: "[1]", after: "[2]", changed: true }]);
    expect(diffFields("<b>x</b>", null)).toEqual([{ field: "value", before: "<b>x</b>", after: null, changed: true }]);
  });
});
