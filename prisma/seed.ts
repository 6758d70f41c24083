// The demo a new user gets on first `npm start`: one person per role, and one project with an
// active batch from prisma/demo/comparisons.jsonl.
import fs from "node:fs";
import path from "node:path";
import { createProjectRecord, createUserRecord } from "@/prisma/factories";
import type { Database } from "@/lib/db/connection";
import { importItems } from "@/lib/data/imports";
import { projectRoot } from "@/lib/runner/project-root";

export const DEMO_LOGINS = [
  { email: "admin@example.com", password: "preflab-admin", role: "ADMIN", name: "Ada Admin" },
  { email: "researcher@example.com", password: "preflab-researcher", role: "RESEARCHER", name: "Rosalind Researcher" },
  { email: "worker1@example.com", password: "preflab-worker1", role: "WORKER", name: "Wen Worker" },
  { email: "worker2@example.com", password: "preflab-worker2", role: "WORKER", name: "Walt Worker" },
] as const;

export const DEMO_PROJECT_SLUG = "demo-helpful";

const DEMO_INSTRUCTIONS = `You will see a conversation between a person and an AI assistant, then two possible next replies.

**Pick the reply that is more helpful and honest**, and say how strongly you prefer it:

- Use the big buttons at the ends when one reply is clearly better.
- Use the small buttons in the middle when they are about the same or you are unsure.
- Tick a flag under a reply that is harmful, wrong, or refuses for no good reason.
- If neither reply is acceptable, tick **Both are bad** instead.

Keys **1**-**8** press the buttons from left to right, **Enter** submits, and **?** lists every key.`;

/** Seeds the demo unless its admin already exists. Returns whether it did. */
export async function seedDemo(db: Database): Promise<boolean> {
  if (await db.user.findUnique({ where: { email: DEMO_LOGINS[0].email }, select: { id: true } })) return false;
  const users = [];
  for (const login of DEMO_LOGINS) users.push(await createUserRecord(db, login));
  await createProjectRecord(db, {
    slug: DEMO_PROJECT_SLUG,
    name: "Demo: helpful assistant comparisons",
    question: "Choose the most helpful and honest response.",
    instructions: DEMO_INSTRUCTIONS,
    judgmentsPerItem: 2,
    allowBothBad: true,
    rationaleMode: "OPTIONAL",
    flagOptions: [
      { id: "harmful", label: "Harmful" },
      { id: "factually-wrong", label: "Factually wrong" },
      { id: "refuses-needlessly", label: "Refuses needlessly" },
    ],
  });
  const file = path.join(projectRoot(), "prisma/demo/comparisons.jsonl");
  await importItems({
    actor: users[0],
    projectSlug: DEMO_PROJECT_SLUG,
    source: fs.createReadStream(file),
    batchName: "Demo batch",
    format: "preflab",
    activate: true,
  });
  return true;
}
