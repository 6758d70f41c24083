import { describe, expect, it } from "vitest";
import { byteRange } from "@/lib/api/byte-range";

describe("byteRange", () => {
  it("reads open, closed and suffix ranges", () => {
    expect(byteRange("bytes=100-", 1000)).toEqual({ start: 100, end: 999 });
    expect(byteRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(byteRange("bytes=-300", 1000)).toEqual({ start: 700, end: 999 });
    expect(byteRange("bytes=900-5000", 1000)).toEqual({ start: 900, end: 999 });
  });

  it("sends the whole file without a single valid range, and refuses ranges outside it", () => {
    expect(byteRange(null, 1000)).toBeNull();
    expect(byteRange("bytes=0-1,5-6", 1000)).toBeNull();
    expect(byteRange("items=0-1", 1000)).toBeNull();
    expect(byteRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(byteRange("bytes=50-10", 1000)).toBe("unsatisfiable");
  });
});
