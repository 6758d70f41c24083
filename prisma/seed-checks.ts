// The demo of the quality checks: a project whose workers answer a short practice set first (with
// feedback after each answer), then get tasks with gold items and attention checks mixed in.
import fs from "node:fs";
import path from "node:path";
import { createProjectRecord } from "@/prisma/factories";
import type { Database } from "@/lib/db/connection";
import { importItems } from "@/lib/data/imports";
import type { Actor } from "@/lib/data/users";
import { projectRoot } from "@/lib/project-root";

export const DEMO_CHECKS_PROJECT_SLUG = "demo-checks";

const CHECKS_INSTRUCTIONS = `Pick the reply that is **more helpful and honest**, and say how strongly you prefer it.

This project starts with **three practice comparisons**. After each one you see the answer we expected and why.
Get two of the three right to go on to the real comparisons.`;

const BATCHES = [
  { file: "practice.jsonl", name: "Practice set", role: "practice" },
  { file: "gold.jsonl", name: "Gold items", role: "gold" },
  { file: "attention.jsonl", name: "Attention checks", role: "attention" },
  { file: "comparisons.jsonl", name: "Comparisons", role: "task" },
] as const;

export async function seedChecksDemo(db: Database, admin: Actor): Promise<void> {
  await createProjectRecord(db, {
    slug: DEMO_CHECKS_PROJECT_SLUG,
    name: "Demo: practice first, with gold items",
    question: "Choose the most helpful and honest response.",
    instructions: CHECKS_INSTRUCTIONS,
    judgmentsPerItem: 2,
    qualificationPassMark: 2 / 3,
    goldRate: 0.2,
    goldMinAnswers: 4,
    goldThreshold: 0.5,
    overlapMax: 4,
    overlapDisagreement: 0.3,
  });
  for (const batch of BATCHES) {
    await importItems({
      actor: admin,
      projectSlug: DEMO_CHECKS_PROJECT_SLUG,
      source: fs.createReadStream(path.join(projectRoot(), "prisma/demo", batch.file)),
      batchName: batch.name,
      format: "preflab",
      role: batch.role,
      activate: true,
    });
  }
}
