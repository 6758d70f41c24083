import { expect, it } from "vitest";
import { db } from "@/lib/db/prisma";
import { DEMO_PROJECT_SLUG, seedDemo } from "@/prisma/seed";

it("seeds the demo with an active batch, since imports are drafts otherwise", async () => {
  expect(await seedDemo(db())).toBe(true);
  const batches = await db().batch.findMany({ where: { project: { slug: DEMO_PROJECT_SLUG } }, select: { status: true, itemCount: true, activatedAt: true } });
  expect(batches).toEqual([{ status: "ACTIVE", itemCount: 36, activatedAt: expect.any(Date) }]);
  expect(await seedDemo(db())).toBe(false);
});
