import { describe, expect, it } from "vitest";
import { parseFakeModelId } from "@/lib/testing/fake-openai-model-id";

describe("parseFakeModelId", () => {
  it("reads a behaviour and its parameters", () => {
    expect(parseFakeModelId("429:retry=2,times=3")).toEqual({
      behaviour: "429",
      params: { chunk: 4, delay: 0, first: 0, length: 200, after: 10, retry: 2, times: 3 },
    });
    expect(parseFakeModelId("ok:chunk=10,delay=5,first=100,length=1000").params).toMatchObject({ chunk: 10, delay: 5, first: 100, length: 1000 });
  });

  it("gives slow its own default delay, which a parameter overrides", () => {
    expect(parseFakeModelId("slow").params.delay).toBe(50);
    expect(parseFakeModelId("slow:delay=40").params.delay).toBe(40);
  });

  it("answers any other model id as ok with the defaults", () => {
    expect(parseFakeModelId("gpt-4o")).toEqual(parseFakeModelId("ok"));
    expect(parseFakeModelId("ft:gpt-4o:acme::abc123")).toEqual(parseFakeModelId("ok"));
  });

  it("ignores unknown keys and values that are not non-negative numbers, and keeps chunk at least 1", () => {
    expect(parseFakeModelId("stall:after=,colour=red,delay=-1,first=abc,chunk=0,times=1.7").params).toMatchObject({
      after: 10,
      delay: 0,
      first: 0,
      chunk: 1,
      times: 1,
    });
  });
});
