// The names of failed tests, read from the Vitest and Playwright JSON reports, so the last lines of a
// long test log (often all a CI page keeps) say which tests failed and why, not only how many.

type VitestReport = {
  testResults?: { name: string; status?: string; message?: string; assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[] }[];
};

type PlaywrightSpec = { title: string; file: string; line: number; ok: boolean; tests?: { results?: { error?: { message?: string } }[] }[] };
type PlaywrightSuite = { title?: string; specs?: PlaywrightSpec[]; suites?: PlaywrightSuite[] };
type PlaywrightReport = { suites?: PlaywrightSuite[] };

const MESSAGE_LIMIT = 300;

function firstLines(message: string | undefined): string {
  // Colour codes make sense on a terminal only; a CI page shows them as noise.
  const plain = (message ?? "").replace(/\u001b\[[0-9;]*m/g, "").trim();
  const short = plain
    .split("\n")
    .slice(0, 3)
    .map((line) => line.trim())
    .join(" | ");
  return short.length > MESSAGE_LIMIT ? `${short.slice(0, MESSAGE_LIMIT)}...` : short;
}

function relative(file: string, root: string): string {
  return file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
}

export function failedVitestTests(report: VitestReport, root: string): string[] {
  const lines: string[] = [];
  for (const file of report.testResults ?? []) {
    const failures = (file.assertionResults ?? []).filter((a) => a.status === "failed");
    for (const failure of failures) lines.push(`${relative(file.name, root)} > ${failure.fullName}: ${firstLines(failure.failureMessages?.[0])}`);
    // A file that fails before its tests run (a throwing import or hook) has a message and no failed test.
    if (failures.length === 0 && file.status === "failed") lines.push(`${relative(file.name, root)}: ${firstLines(file.message)}`);
  }
  return lines;
}

export function failedPlaywrightTests(report: PlaywrightReport): string[] {
  const lines: string[] = [];
  const visit = (suite: PlaywrightSuite, titles: string[]) => {
    const path = suite.title && !suite.title.endsWith(".ts") ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      if (spec.ok) continue;
      const error = spec.tests?.flatMap((t) => t.results ?? []).find((r) => r.error)?.error?.message;
      lines.push(`${spec.file}:${spec.line} > ${[...path, spec.title].join(" > ")}: ${firstLines(error)}`);
    }
    for (const child of suite.suites ?? []) visit(child, path);
  };
  for (const suite of report.suites ?? []) visit(suite, []);
  return lines;
}
