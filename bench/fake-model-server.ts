// The fake OpenAI-compatible server in a process of its own, for the dialogue benchmark: its timers
// must not wait on the load generator parsing 32 event streams, nor slow the measuring in turn.
import { spawn } from "node:child_process";
import path from "node:path";
import { projectRoot } from "@/lib/project-root";

export async function startFakeModelServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const tsx = path.join(projectRoot(), "node_modules/.bin/tsx");
  const child = spawn(tsx, ["lib/testing/fake-openai-server.ts", "--port", "0"], { cwd: projectRoot(), stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const listening = /listening on (\S+)/.exec(output);
      if (listening) resolve(listening[1]);
    });
    child.on("close", (code) => reject(new Error(`the fake model server exited with ${code}`)));
  });
  return { baseUrl, stop: async () => void (child.kill("SIGTERM"), await exited) };
}
