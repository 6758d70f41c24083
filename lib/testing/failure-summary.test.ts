import { describe, expect, it } from "vitest";
import { failedPlaywrightTests, failedVitestTests } from "@/lib/testing/failure-summary";

describe("failedVitestTests", () => {
  it("names each failed test with its file and the first lines of its message, without colour codes", () => {
    const report = {
      testResults: [
        {
          name: "/repo/lib/a.test.ts",
          status: "failed",
          assertionResults: [
            { fullName: "a works", status: "passed" },
            {
              fullName: "a > counts",
              status: "failed",
              failureMessages: ["AssertionError: \u001b[31mexpected 2 to be 3\u001b[39m\n    at x.ts:1\n    at y.ts:2\n    at z.ts:3"],
            },
          ],
        },
        { name: "/repo/lib/b.test.ts", status: "passed", assertionResults: [{ fullName: "b", status: "passed" }] },
      ],
    };
    expect(failedVitestTests(report, "/repo")).toEqual(["lib/a.test.ts > a > counts: AssertionError: expected 2 to be 3 | at x.ts:1 | at y.ts:2"]);
  });

  it("names a file that failed before any of its tests ran", () => {
    const report = { testResults: [{ name: "/repo/lib/c.db.test.ts", status: "failed", message: "Cannot find module 'x'", assertionResults: [] }] };
    expect(failedVitestTests(report, "/repo")).toEqual(["lib/c.db.test.ts: Cannot find module 'x'"]);
  });

  it("cuts a long message", () => {
    const report = { testResults: [{ name: "/repo/d.test.ts", assertionResults: [{ fullName: "d", status: "failed", failureMessages: ["x".repeat(1000)] }] }] };
    expect(failedVitestTests(report, "/repo")[0]).toBe(`d.test.ts > d: ${"x".repeat(300)}...`);
  });
});

describe("failedPlaywrightTests", () => {
  it("names failed specs with file, line and describe titles, and leaves passed ones out", () => {
    const report = {
      suites: [
        {
          title: "exports.spec.ts",
          specs: [{ title: "downloads", file: "exports.spec.ts", line: 12, ok: true, tests: [{ results: [{}] }] }],
          suites: [
            {
              title: "as researcher",
              specs: [
                {
                  title: "is refused",
                  file: "exports.spec.ts",
                  line: 40,
                  ok: false,
                  tests: [{ results: [{ error: { message: "Timed out 5000ms\nwaiting for locator" } }] }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(failedPlaywrightTests(report)).toEqual(["exports.spec.ts:40 > as researcher > is refused: Timed out 5000ms | waiting for locator"]);
  });

  it("gives nothing for a report where every spec passed", () => {
    expect(failedPlaywrightTests({ suites: [{ title: "a.spec.ts", specs: [{ title: "t", file: "a.spec.ts", line: 1, ok: true }] }] })).toEqual([]);
  });
});
