import { describe, expect, it } from "vitest";
import { streamsSending, takeStreamSlot } from "@/lib/exports/stream-slots";

describe("streamed export slots", () => {
  it("are handed out up to the cap, and each is given back once however often it is released", () => {
    const first = takeStreamSlot(2);
    const second = takeStreamSlot(2);
    expect(first).toBeTypeOf("function");
    expect(second).toBeTypeOf("function");
    expect(takeStreamSlot(2)).toBeNull();
    expect(streamsSending()).toBe(2);
    first!();
    first!();
    expect(streamsSending()).toBe(1);
    const third = takeStreamSlot(2);
    expect(takeStreamSlot(2)).toBeNull();
    second!();
    third!();
    expect(streamsSending()).toBe(0);
  });
});
