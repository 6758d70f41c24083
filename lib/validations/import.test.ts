import { describe, expect, it } from "vitest";
import { commitImportSchema, uploadFilenameSchema } from "@/lib/validations/import";

describe("import requests", () => {
  it("refuse a NUL in the batch name, naming the field", () => {
    const parsed = commitImportSchema.safeParse({ format: "auto", name: "round\u00002" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toMatchObject([{ path: ["name"], message: "must not contain a NUL character (\\u0000)" }]);
    expect(commitImportSchema.parse({ format: "auto", name: " round 2 " })).toMatchObject({ name: "round 2" });
  });

  it("refuse a NUL in an upload's file name, and keep 255 characters of the rest", () => {
    expect(uploadFilenameSchema.safeParse("a\u0000.jsonl").success).toBe(false);
    expect(uploadFilenameSchema.parse("x".repeat(300))).toHaveLength(255);
    expect(uploadFilenameSchema.parse("  ")).toBe("upload");
  });
});
