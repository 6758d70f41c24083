import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { processesUnder } from "@/lib/testing/processes-under";

it("finds a process started in a folder in a session of its own, and not once it has ended", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-processes-"));
  const child = spawn("sleep", ["30"], { cwd: folder, detached: true, stdio: "ignore" });
  try {
    await new Promise((resolve) => child.once("spawn", resolve));
    expect(processesUnder(folder).map((found) => found.pid)).toContain(child.pid);
    expect(processesUnder(`${folder}-other`)).toEqual([]);
  } finally {
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    fs.rmSync(folder, { recursive: true, force: true });
  }
  expect(processesUnder(folder).map((found) => found.pid)).not.toContain(child.pid);
});
