import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The project's own eslint.config.mjs, run on small snippets placed at paths in the tree.
const root = path.resolve(import.meta.dirname, "../..");

describe("the project's ESLint config keeps the layers apart", () => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });

  async function boundaryErrors(file: string, code: string) {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return result.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "preflab/no-server-only-in-client").map((m) => m.ruleId);
  }

  it("stops lib/ importing components, through the alias or a relative path", async () => {
    expect(await boundaryErrors("lib/data/example.ts", 'import { Button } from "@/components/ui/button";\n')).toEqual(["no-restricted-imports"]);
    expect(await boundaryErrors("lib/example.ts", 'import { Button } from "../components/ui/button";\n')).toEqual(["no-restricted-imports"]);
    expect(await boundaryErrors("lib/cli/example.ts", 'import { Button } from "@/components/ui/button";\n')).toEqual(["no-restricted-imports"]);
    expect(await boundaryErrors("lib/data/example.ts", 'import { AppError } from "@/lib/errors";\n')).toEqual([]);
    expect(await boundaryErrors("app/example/page.tsx", 'import { Button } from "@/components/ui/button";\n')).toEqual([]);
  });

  it("stops the running app importing lib/runner and lib/testing", async () => {
    const runner = 'import { projectRoot } from "@/lib/runner/project-root";\n';
    const testing = 'import { createTestUser } from "@/lib/testing/factories";\n';
    expect(await boundaryErrors("app/example/page.tsx", runner)).toEqual(["no-restricted-imports"]);
    expect(await boundaryErrors("components/example.tsx", testing)).toEqual(["no-restricted-imports"]);
    expect(await boundaryErrors("lib/data/example.ts", runner)).toEqual(["no-restricted-imports"]);
    expect(await boundaryErrors("lib/data/example.ts", 'import { projectRoot } from "../runner/project-root";\n')).toEqual(["no-restricted-imports"]);
    // Not the running app: the start script, the test harness, the CLI, tests, benchmarks, seed.
    expect(await boundaryErrors("lib/cli/example.ts", runner)).toEqual([]);
    expect(await boundaryErrors("lib/testing/example.ts", runner)).toEqual([]);
    expect(await boundaryErrors("lib/runner/example.ts", runner)).toEqual([]);
    expect(await boundaryErrors("lib/data/example.db.test.ts", testing)).toEqual([]);
    expect(await boundaryErrors("bench/example.ts", runner)).toEqual([]);
    expect(await boundaryErrors("prisma/example.ts", runner)).toEqual([]);
  });

  it("stops client components importing server-only modules and the database layer", async () => {
    const clientFile = "components/example/widget.tsx";
    const client = (line: string) => `"use client";\n\n${line}\n`;
    expect(await boundaryErrors(clientFile, client('import { findUserByEmail } from "@/lib/data/users";'))).toEqual(["preflab/no-server-only-in-client"]);
    expect(await boundaryErrors(clientFile, client('import { db } from "@/lib/db/prisma";'))).toEqual(["preflab/no-server-only-in-client"]);
    expect(await boundaryErrors(clientFile, client('import { Prisma } from "@/lib/generated/prisma/client";'))).toEqual(["preflab/no-server-only-in-client"]);
    // Server Actions are how a client reaches the server; types are erased.
    expect(await boundaryErrors(clientFile, client('import { claimNextTaskAction } from "@/lib/actions/tasks";'))).toEqual([]);
    expect(await boundaryErrors(clientFile, client('import type { ActionResult } from "@/lib/actions/run-action";'))).toEqual([]);
    // A server component reads the data layer.
    expect(await boundaryErrors("app/example/page.tsx", 'import { findUserByEmail } from "@/lib/data/users";\n')).toEqual([]);
  });
});
