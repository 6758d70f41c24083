import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod } from "@/lib/formats/zod-issues";
import { idSchema, isId } from "@/lib/validations/ids";

describe("idSchema", () => {
  it("takes a UUID and names what a malformed one should have been", () => {
    expect(idSchema("batch").parse("5d3c2b1a-0000-4000-8000-000000000000")).toBe("5d3c2b1a-0000-4000-8000-000000000000");
    const refused = idSchema("batch").safeParse("42");
    expect(refused.success ? [] : fieldErrorsFromZod(refused.error).map((d) => d.message)).toEqual(["not a batch id"]);
  });

  it("says an before a vowel", () => {
    const refused = idSchema("invite").safeParse("");
    expect(refused.success ? [] : fieldErrorsFromZod(refused.error).map((d) => d.message)).toEqual(["not an invite id"]);
  });
});

describe("isId", () => {
  it.each(["0b8f4a4e-6c57-4f0e-9a53-2f0f1c7d9e11", "0B8F4A4E-6C57-4F0E-9A53-2F0F1C7D9E11"])("accepts %s", (value) => {
    expect(isId(value)).toBe(true);
  });

  it.each(["", "new", "0b8f4a4e6c574f0e9a532f0f1c7d9e11", "0b8f4a4e-6c57-4f0e-9a53-2f0f1c7d9e1", "'; drop table users; --", undefined, null, 42])(
    "refuses %s",
    (value) => {
      expect(isId(value)).toBe(false);
    },
  );
});
