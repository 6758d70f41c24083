import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { afterAll, describe, it } from "vitest";
import rule from "@/lib/lint/no-server-only-in-client.mjs";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

describe("no-server-only-in-client on a small tree of its own", () => {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-lint-"));
  const files: Record<string, string> = {
    "lib/data/secret.ts": 'import "server-only";\nexport const secret = 1;\n',
    "lib/data/commented.ts": "// Reads the database.\n/* More. */\nimport 'server-only';\nexport const value = 1;\n",
    "lib/data/folder/index.ts": 'import "server-only";\nexport const value = 1;\n',
    "lib/actions/save.ts": '"use server";\nexport async function saveAction() {}\n',
    "lib/plain.ts": "export const plain = 1;\n",
    "lib/mentions.ts": "export const note = 'import \"server-only\"';\n",
    "lib/db/prisma.ts": "export const db = 1;\n",
    "lib/generated/prisma/client.ts": "export const Prisma = 1;\n",
    "lib/generated/prisma/browser.ts": "export const Prisma = 1;\n",
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tree, name)), { recursive: true });
    fs.writeFileSync(path.join(tree, name), text);
  }
  afterAll(() => fs.rmSync(tree, { recursive: true, force: true }));

  const filename = path.join(tree, "components/widget.tsx");
  const options = [{ root: tree, forbidden: ["lib/db", "lib/generated/prisma/client"] }];
  const client = (code: string) => ({ code: `"use client";\n${code}`, filename, options });
  const serverOnly = (code: string) => ({ ...client(code), errors: [{ messageId: "serverOnly" as const }] });
  const forbidden = (code: string) => ({ ...client(code), errors: [{ messageId: "forbidden" as const }] });

  new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } }).run("no-server-only-in-client", rule, {
    valid: [
      client('import { plain } from "@/lib/plain";'),
      client('import { saveAction } from "@/lib/actions/save";'),
      client('import type { secret } from "@/lib/data/secret";'),
      client('import { type secret } from "@/lib/data/secret";'),
      client('export type { secret } from "@/lib/data/secret";'),
      client('import { note } from "@/lib/mentions";'),
      client('import { Prisma } from "@/lib/generated/prisma/browser";'),
      client('import { useState } from "react";'),
      // A server component may import anything.
      { code: 'import { secret } from "@/lib/data/secret";', filename, options },
      { code: '"use server";\nimport { db } from "@/lib/db/prisma";', filename, options },
    ],
    invalid: [
      serverOnly('import { secret } from "@/lib/data/secret";'),
      serverOnly('import { value } from "@/lib/data/commented";'),
      serverOnly('import { value } from "@/lib/data/folder";'),
      serverOnly('import { secret } from "../lib/data/secret";'),
      serverOnly('import { secret } from "@/lib/data/secret.js";'),
      serverOnly('export { secret } from "@/lib/data/secret";'),
      serverOnly('export * from "@/lib/data/secret";'),
      serverOnly('const module = import("@/lib/data/secret");'),
      serverOnly('import { secret, type value } from "@/lib/data/secret";'),
      forbidden('import { db } from "@/lib/db/prisma";'),
      forbidden('import { db } from "../lib/db/prisma";'),
      forbidden('import { Prisma } from "@/lib/generated/prisma/client";'),
      // Named by the ban even when the file is missing (the client not yet generated).
      forbidden('import { x } from "@/lib/db/not-there";'),
    ],
  });
});
