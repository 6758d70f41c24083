import { describe, expect, it } from "vitest";
import { decodeShown, encodeShown, nextReveal, revealLimits, type SampleProgress, type ShownSample } from "@/lib/models/pacing";

const sample = (label: number, status: SampleProgress["status"], received: number, attempt = 1): SampleProgress => ({ label, status, received, attempt });

describe("revealLimits", () => {
  it("holds every sample to the least advanced unfinished one", () => {
    expect([...revealLimits([sample(0, "STREAMING", 300), sample(1, "STREAMING", 40)])]).toEqual([
      [0, 40],
      [1, 40],
    ]);
  });

  it("keeps holding a finished fast sample back while a slower one streams", () => {
    expect([...revealLimits([sample(0, "COMPLETE", 300), sample(1, "STREAMING", 120)]).values()]).toEqual([120, 120]);
  });

  it("shows all of a short finished sample once the slower one has passed its length", () => {
    expect([...revealLimits([sample(0, "COMPLETE", 50), sample(1, "STREAMING", 200)]).values()]).toEqual([50, 200]);
  });

  it("shows nothing while a sample waits to start, and everything once all are finished", () => {
    expect([...revealLimits([sample(0, "STREAMING", 90), sample(1, "PENDING", 0)]).values()]).toEqual([0, 0]);
    expect([...revealLimits([sample(0, "COMPLETE", 90), sample(1, "COMPLETE", 400)]).values()]).toEqual([90, 400]);
  });

  it("marks a failed sample and lets the others go on without it", () => {
    expect([...revealLimits([sample(0, "FAILED", 10), sample(1, "STREAMING", 70), sample(2, "STREAMING", 80)]).values()]).toEqual([null, 70, 70]);
  });
});

describe("nextReveal", () => {
  it("sends only what was not shown yet", () => {
    const shown = new Map<number, ShownSample>([
      [0, { attempt: 1, chars: 30 }],
      [1, { attempt: 1, chars: 30 }],
    ]);
    expect(nextReveal([sample(0, "STREAMING", 100), sample(1, "STREAMING", 45)], shown)).toEqual([
      { label: 0, attempt: 1, from: 30, to: 45, reset: false, failed: false },
      { label: 1, attempt: 1, from: 30, to: 45, reset: false, failed: false },
    ]);
    expect(nextReveal([sample(0, "STREAMING", 100), sample(1, "STREAMING", 30)], shown)).toEqual([]);
  });

  it("tells a failure once, and starts a regenerated sample afresh without taking back the other's text", () => {
    const shown = new Map<number, ShownSample>([
      [0, { attempt: 1, chars: 20 }],
      [1, { attempt: 1, chars: 20 }],
    ]);
    expect(nextReveal([sample(0, "FAILED", 25), sample(1, "STREAMING", 60)], shown)).toEqual([
      { label: 0, attempt: 1, from: 20, to: 20, reset: false, failed: true },
      { label: 1, attempt: 1, from: 20, to: 60, reset: false, failed: false },
    ]);
    shown.set(0, { attempt: 1, chars: -1 });
    shown.set(1, { attempt: 1, chars: 60 });
    expect(nextReveal([sample(0, "FAILED", 25), sample(1, "STREAMING", 60)], shown)).toEqual([]);
    expect(nextReveal([sample(0, "STREAMING", 5, 2), sample(1, "STREAMING", 90)], shown)).toEqual([
      { label: 0, attempt: 2, from: 0, to: 5, reset: true, failed: false },
    ]);
  });
});

describe("event ids", () => {
  it("round-trips a viewer's position and ignores a forged one", () => {
    const shown = new Map<number, ShownSample>([
      [1, { attempt: 2, chars: -1 }],
      [0, { attempt: 1, chars: 120 }],
    ]);
    expect(encodeShown(shown)).toBe("0:1:120,1:2:-1");
    expect(decodeShown("0:1:120,1:2:-1")).toEqual(new Map([...shown].sort()));
    expect(decodeShown("0:1:x")).toEqual(new Map());
    expect(decodeShown("99:1:5")).toEqual(new Map());
    // Past int4, or not whole: SQL would refuse them mid-stream.
    for (const forged of ["0:1:1e21", "0:1e21:5", "0:1:2147483648", "0:1:1.5"]) expect(decodeShown(forged)).toEqual(new Map());
    expect(decodeShown("0:1:2147483647")).toEqual(new Map([[0, { attempt: 1, chars: 2147483647 }]]));
    expect(decodeShown(null)).toEqual(new Map());
  });
});
