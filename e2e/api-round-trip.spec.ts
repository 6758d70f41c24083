import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createProjectRecord } from "@/prisma/factories";
import { bearer, createToken } from "./api-tokens";
import { e2eDb } from "./test-database";
import { E2E_USERS } from "./users";

const SAMPLE = path.resolve(process.cwd(), "lib/testing/fixtures/hh-harmless-sample.jsonl");

test("a script imports the HH sample, judges every item as the source did and exports the same records", async ({ request }) => {
  test.setTimeout(180_000);
  const slug = `api-round-trip-${randomBytes(3).toString("hex")}`;
  await createProjectRecord(e2eDb(), { slug, name: "API round trip" });
  const [adminToken, workerToken, researcherToken] = await Promise.all([
    createToken(E2E_USERS.admin.email, ["admin"]),
    createToken(E2E_USERS.worker.email, ["tasks"]),
    createToken(E2E_USERS.researcher.email, ["export"]),
  ]);

  const input = fs.readFileSync(SAMPLE);
  const imported = await request.post(`/api/v1/projects/${slug}/imports?format=hh-rlhf&name=sample&activate=1`, { headers: bearer(adminToken), data: input });
  expect(imported.status()).toBe(201);
  expect((await imported.json()).batch).toMatchObject({ format: "hh-rlhf", itemCount: 200 });

  for (let judged = 0; ; judged++) {
    const claim = await request.post(`/api/v1/projects/${slug}/claim`, { headers: bearer(workerToken) });
    expect(claim.status()).toBe(200);
    const { task } = await claim.json();
    if (!task) {
      expect(judged).toBe(200);
      break;
    }
    // Blind: the worker gets labels and texts, nothing about models or the source's preference.
    expect(Object.keys(task).sort()).toEqual([
      "assignmentId",
      "context",
      "draft",
      "firstInProject",
      "leaseExpiresAt",
      "leaseExtensionsLeft",
      "project",
      "responses",
      "status",
    ]);
    for (const response of task.responses) expect(Object.keys(response).sort()).toEqual(["label", "text"]);
    // The reference is hidden from the worker, so the test reads it from the database.
    const assignment = await e2eDb().assignment.findUniqueOrThrow({ where: { id: task.assignmentId }, include: { item: { include: { candidates: true } } } });
    const chosen = assignment.item.candidates.find((candidate) => candidate.referenceRank === 1)!;
    const strength = assignment.displayOrder[0] === chosen.id ? -1 : 1;
    const submitted = await request.post(`/api/v1/assignments/${task.assignmentId}/judgment`, {
      headers: { ...bearer(workerToken), "idempotency-key": `round-trip-${task.assignmentId}` },
      data: { strength },
    });
    expect(submitted.status()).toBe(201);
  }

  const exported = await request.get(`/api/v1/projects/${slug}/export?format=hh-rlhf`, { headers: bearer(researcherToken) });
  expect(exported.status()).toBe(200);
  expect(exported.headers()["content-type"]).toContain("application/jsonl");
  const lines = (await exported.text()).split("\n").filter(Boolean).sort();
  expect(lines).toEqual(input.toString("utf8").split("\n").filter(Boolean).sort());
});
