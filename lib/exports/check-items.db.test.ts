import { describe, expect, it } from "vitest";
import { setItemRole } from "@/lib/data/item-roles";
import { db } from "@/lib/db/prisma";
import { LEFT_OUT } from "@/lib/exports/left-out";
import { exportToBuffer } from "@/lib/testing/export-fixture";
import { jsonlRecords } from "@/lib/testing/export-read-back";
import { createTestUser } from "@/lib/testing/factories";
import { createQualityFixture } from "@/lib/testing/quality-fixture";

/** A project whose items 2 and 3 (both with a reference) were made gold and an attention check after they were judged. */
async function projectWithChecks() {
  const fixture = await createQualityFixture(db(), { items: 12, workers: 3, perItem: 2, seed: 41 });
  const admin = await createTestUser("ADMIN");
  await setItemRole({ actor: admin, itemId: fixture.items[1].id, role: "gold" });
  await setItemRole({ actor: admin, itemId: fixture.items[2].id, role: "attention" });
  const checkIds = new Set([fixture.items[1].id, fixture.items[2].id]);
  const checkJudgments = fixture.judgments.filter((judgment) => judgment.itemIndex === 1 || judgment.itemIndex === 2).length;
  return { fixture, checkIds, checkJudgments };
}

describe("check items in exports", () => {
  it("leaves out judgments on check items by default and counts them in the manifest", async () => {
    const { fixture, checkIds, checkJudgments } = await projectWithChecks();
    expect(checkJudgments).toBeGreaterThan(0);
    const { bytes, manifest } = await exportToBuffer({ format: "judgments", projects: [fixture.project.slug] });
    const rows = jsonlRecords(bytes);
    expect(rows).toHaveLength(fixture.judgments.length - checkJudgments);
    expect(rows.some((row) => checkIds.has(row.item_id as string))).toBe(false);
    expect(rows[0]).not.toHaveProperty("item_role");
    expect(manifest.counts).toMatchObject({
      judgmentsRead: fixture.judgments.length,
      judgmentsIncluded: fixture.judgments.length - checkJudgments,
      judgmentsLeftOut: { [LEFT_OUT.checkItem]: checkJudgments },
    });
    expect(manifest.options).not.toHaveProperty("includeChecks");

    const preferences = await exportToBuffer({ format: "hh-rlhf", projects: [fixture.project.slug] });
    expect(preferences.manifest.counts.judgmentsLeftOut[LEFT_OUT.checkItem]).toBe(checkJudgments);
  });

  it("includes them with includeChecks, saying which rows are checks", async () => {
    const { fixture, checkIds, checkJudgments } = await projectWithChecks();
    const { bytes, manifest } = await exportToBuffer({ format: "judgments", projects: [fixture.project.slug], includeChecks: true });
    const rows = jsonlRecords(bytes);
    expect(rows).toHaveLength(fixture.judgments.length);
    const checkRows = rows.filter((row) => checkIds.has(row.item_id as string));
    expect(checkRows).toHaveLength(checkJudgments);
    const roleOf = new Map([
      [fixture.items[1].id, "gold"],
      [fixture.items[2].id, "attention"],
    ]);
    expect(checkRows.every((row) => row.item_role === roleOf.get(row.item_id as string))).toBe(true);
    expect(rows.filter((row) => !checkIds.has(row.item_id as string)).every((row) => row.item_role === "task")).toBe(true);
    expect(manifest.counts.judgmentsLeftOut).not.toHaveProperty(LEFT_OUT.checkItem);
    expect(manifest.options).toMatchObject({ includeChecks: true });
  });
});
