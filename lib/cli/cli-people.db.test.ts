import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { runCli } from "@/lib/testing/run-cli";

describe("preflab user block / unblock / role", () => {
  it("blocks a worker, ends their open task, records it for the admin given by --as, and unblocks", async () => {
    const admin = await createTestUser("ADMIN");
    const worker = await createTestUser();
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;

    const run = await runCli(["user", "block", "--email", worker.email.toUpperCase(), "--as", admin.email]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`Blocked ${worker.email}; 1 open task went back to the pool.\n`);
    expect(run.code).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: worker.id } })).blockedAt).not.toBeNull();
    expect((await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("REVOKED");
    expect(await db().auditEvent.findMany({ where: { targetId: worker.id }, select: { actorId: true, action: true } })).toEqual([
      { actorId: admin.id, action: "user.block" },
    ]);

    const unblock = await runCli(["user", "unblock", "--email", worker.email]);
    expect(unblock.code).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: worker.id } })).blockedAt).toBeNull();
    expect(await db().auditEvent.findFirst({ where: { targetId: worker.id, action: "user.unblock" }, select: { actorId: true } })).toEqual({ actorId: null });
  });

  it("changes a role, and refuses an unknown email and an unknown role with exit code 1", async () => {
    const worker = await createTestUser();
    const run = await runCli(["user", "role", "--email", worker.email, "--role", "RESEARCHER"]);
    expect(run.stdout).toBe(`${worker.email} is now researcher (was worker).\n`);
    expect((await db().user.findUniqueOrThrow({ where: { id: worker.id } })).role).toBe("RESEARCHER");

    const unknown = await runCli(["user", "block", "--email", "nobody@test.example"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("error: No user with email nobody@test.example\n");
    const badRole = await runCli(["user", "role", "--email", worker.email, "--role", "BOSS"]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("Allowed choices are WORKER, RESEARCHER, ADMIN");
    expect((await db().user.findUniqueOrThrow({ where: { id: worker.id } })).role).toBe("RESEARCHER");
  });
});
