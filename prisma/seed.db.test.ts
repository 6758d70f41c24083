import { expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_LIVE_PROJECT_SLUG, DEMO_LOGINS, DEMO_PROJECT_SLUG, DEMO_RED_TEAM_PROJECT_SLUG, findDemoLoginsInUse, seedDemo } from "@/prisma/seed";
import { DEMO_CHECKS_PROJECT_SLUG } from "@/prisma/seed-checks";

it("seeds the demo with an active batch, since imports are drafts otherwise", async () => {
  expect(await seedDemo(db())).toBe(true);
  const batches = await db().batch.findMany({ where: { project: { slug: DEMO_PROJECT_SLUG } }, select: { status: true, itemCount: true, activatedAt: true } });
  expect(batches).toEqual([{ status: "ACTIVE", itemCount: 36, activatedAt: expect.any(Date) }]);
  expect(await seedDemo(db())).toBe(false);
});

it("seeds a live project and a red-team project on the built-in demo models, with no key and no address of their own", async () => {
  const projects = await db().project.findMany({
    where: { slug: { in: [DEMO_LIVE_PROJECT_SLUG, DEMO_RED_TEAM_PROJECT_SLUG] } },
    include: { endpoints: { include: { endpoint: true } } },
    orderBy: { slug: "asc" },
  });
  expect(projects.map((project) => [project.slug, project.judgmentKind, project.redTeam, project.endpoints.length])).toEqual([
    [DEMO_LIVE_PROJECT_SLUG, "DIALOGUE", false, 2],
    [DEMO_RED_TEAM_PROJECT_SLUG, "DIALOGUE", true, 2],
  ]);
  for (const { endpoint } of projects.flatMap((project) => project.endpoints)) {
    expect(endpoint).toMatchObject({ builtin: true, apiKeyEnv: null, apiKeyEncrypted: null });
    expect(endpoint.modelId).toMatch(/^preflab-demo-/);
  }
});

it("finds the demo logins that still open with their published password, and none once changed or blocked", async () => {
  await seedDemo(db());
  expect((await findDemoLoginsInUse(db())).map((login) => login.email)).toEqual(DEMO_LOGINS.map((login) => login.email));
  const [admin, researcher] = DEMO_LOGINS;
  await db().user.update({ where: { email: admin.email }, data: { passwordHash: await hashPassword("a-password-nobody-published") } });
  await db().user.update({ where: { email: researcher.email }, data: { blockedAt: new Date() } });
  expect((await findDemoLoginsInUse(db())).map((login) => login.email)).toEqual(["worker1@example.com", "worker2@example.com"]);
  await db().user.updateMany({ where: { email: { in: DEMO_LOGINS.map((login) => login.email) } }, data: { blockedAt: new Date() } });
  expect(await findDemoLoginsInUse(db())).toEqual([]);
});

it("seeds a project with a practice set, gold items and attention checks, each batch in its role and every check with one best", async () => {
  await seedDemo(db());
  const batches = await db().batch.findMany({
    where: { project: { slug: DEMO_CHECKS_PROJECT_SLUG } },
    include: { items: { include: { candidates: true } } },
    orderBy: { name: "asc" },
  });
  expect(batches.map((batch) => [batch.name, batch.status, [...new Set(batch.items.map((item) => item.role))]])).toEqual([
    ["Attention checks", "ACTIVE", ["ATTENTION"]],
    ["Comparisons", "ACTIVE", ["TASK"]],
    ["Gold items", "ACTIVE", ["GOLD"]],
    ["Practice set", "ACTIVE", ["PRACTICE"]],
  ]);
  for (const item of batches.flatMap((batch) => batch.items).filter((item) => item.role !== "TASK")) {
    expect(item.candidates.filter((candidate) => candidate.referenceRank === 1)).toHaveLength(1);
    expect(item.isComplete).toBe(true);
  }
  const practice = batches.find((batch) => batch.name === "Practice set")!.items;
  expect(practice.every((item) => (item.referenceNote ?? "").length > 20)).toBe(true);
});
