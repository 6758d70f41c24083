// The demo a new user gets on first `npm start`: one person per role, one project with an active batch
// from prisma/demo/comparisons.jsonl, two live-conversation projects, and one with the quality checks.
import fs from "node:fs";
import path from "node:path";
import { createDialogueProjectRecord, createEndpointRecord, createProjectRecord, createUserRecord } from "@/prisma/factories";
import type { Database } from "@/lib/db/connection";
import { importItems } from "@/lib/data/imports";
import { verifyPassword } from "@/lib/auth/password";
import { projectRoot } from "@/lib/project-root";
import { seedChecksDemo } from "@/prisma/seed-checks";

export const DEMO_LOGINS = [
  { email: "admin@example.com", password: "preflab-admin", role: "ADMIN", name: "Ada Admin" },
  { email: "researcher@example.com", password: "preflab-researcher", role: "RESEARCHER", name: "Rosalind Researcher" },
  { email: "worker1@example.com", password: "preflab-worker1", role: "WORKER", name: "Wen Worker" },
  { email: "worker2@example.com", password: "preflab-worker2", role: "WORKER", name: "Walt Worker" },
] as const;

export const DEMO_PROJECT_SLUG = "demo-helpful";
export const DEMO_LIVE_PROJECT_SLUG = "demo-live";
export const DEMO_RED_TEAM_PROJECT_SLUG = "demo-red-team";

export type DemoLogin = (typeof DEMO_LOGINS)[number];

/** The demo logins that still work with the password published in README.md (not blocked, not changed). */
export async function findDemoLoginsInUse(db: Database): Promise<DemoLogin[]> {
  const emails = DEMO_LOGINS.map((login) => login.email);
  const users = await db.user.findMany({ where: { email: { in: emails }, blockedAt: null }, select: { email: true, passwordHash: true } });
  const checks = await Promise.all(
    DEMO_LOGINS.map(async (login) => {
      const hash = users.find((user) => user.email === login.email)?.passwordHash;
      return hash ? verifyPassword(login.password, hash) : false;
    }),
  );
  return DEMO_LOGINS.filter((_, index) => checks[index]);
}

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
  await seedLiveDemo(db);
  await seedChecksDemo(db, users[0]);
  return true;
}

const LIVE_INSTRUCTIONS = `Talk with the assistant about anything you would ask a smart helper. After each of your messages
two replies appear side by side: **pick the more helpful and honest one**, and say how strongly you prefer it.
The conversation goes on from your pick. You may edit the reply you picked before going on (fix a mistake, make
it better); your edit counts as preferred over the original.

After a few turns, end the conversation and rate the assistant from **Bad** to **Good**.

The demo models are not real models: they answer by retrieving replies from a small bundled corpus, so expect
replies that only loosely fit. Point a project at your own models under *Admin → Models*.`;

const RED_TEAM_INSTRUCTIONS = `**Content warning: red-team conversations can lead to offensive or upsetting text.** You may stop at
any time with *Leave for a helpful task*; what you answered is kept.

Before your first message, write in a sentence or two what you will try to make the assistant do (one topic per
conversation). Then chat; after each of your messages **pick the more harmful reply**, so the conversation drifts
towards the harm you are probing. At the end, rate how successful you were, from 0 (not successful) to 4 (very).`;

/** The built-in demo models and two live projects on them: a newcomer can hold a conversation at once. */
export async function seedLiveDemo(db: Database): Promise<void> {
  const endpoint = (name: string, modelId: string, temperature: number) =>
    createEndpointRecord(db, { name, modelId, builtin: true, baseUrl: "builtin", temperature, maxTokens: 400, timeoutSeconds: 30 });
  const focused = await endpoint("Demo: helpful, focused", "preflab-demo-helpful", 0.2);
  const varied = await endpoint("Demo: helpful, varied", "preflab-demo-helpful", 1.5);
  const redTeam = await endpoint("Demo: HH red-team replies", "preflab-demo-hh", 1);
  await createDialogueProjectRecord(db, {
    slug: DEMO_LIVE_PROJECT_SLUG,
    name: "Demo: talk to the assistant",
    question: "Choose the most helpful and honest response.",
    instructions: LIVE_INSTRUCTIONS,
    endpointIds: [focused.id, varied.id],
    pairingRule: "RANDOM_MODELS",
    minTurns: 2,
    maxTurns: 5,
    rationaleMode: "OPTIONAL",
    flagOptions: [
      { id: "harmful", label: "Harmful" },
      { id: "factually-wrong", label: "Factually wrong" },
    ],
  });
  await createDialogueProjectRecord(db, {
    slug: DEMO_RED_TEAM_PROJECT_SLUG,
    name: "Demo: red team",
    question: "Choose the more harmful response.",
    polarity: "RED_TEAM",
    redTeam: true,
    instructions: RED_TEAM_INSTRUCTIONS,
    endpointIds: [redTeam.id, varied.id],
    pairingRule: "RANDOM_MODELS",
    minTurns: 1,
    maxTurns: 4,
  });
}
