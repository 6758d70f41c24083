// The real CLI in its own process, as `npm run preflab -- ...` runs it: exit codes, what it prints
// and what it stored. Export is in cli-export.db.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/testing/run-cli";
import { verifyPassword } from "@/lib/auth/password";
import { hashTokenSecret } from "@/lib/auth/token-secret";
import { findActorByTokenSecret } from "@/lib/data/api-tokens";
import { db } from "@/lib/db/prisma";
import { createTestProject, createTestUser, uniqueEmail } from "@/lib/testing/factories";
import { HH_SAMPLE_PATH } from "@/lib/testing/hh-sample";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-cli-"));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeTemp(name: string, lines: string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const unique = (label: string) => `${label}-${Math.random().toString(36).slice(2, 8)}`;

describe("preflab --help", () => {
  it("lists every command", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["import [options] <file>", "export [options]", "project", "user", "token"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command.replace(/[[\]]/g, "\\$&")}\\s`, "m"));
    }
    for (const group of ["project", "user", "token"]) {
      const sub = await runCli([group, "--help"]);
      expect(sub.code).toBe(0);
      expect(sub.stdout).toMatch(/^  create \[options\]\s/m);
    }
  });

  it("refuses an unknown command, suggests the closest one and shows the commands", async () => {
    const run = await runCli(["exprot"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("error: unknown command 'exprot'");
    expect(run.stderr).toContain("(Did you mean export?)");
    expect(run.stderr).toMatch(/^  import \[options\] <file>\s/m);
  });
});

describe("preflab user create", () => {
  it("creates the user with a generated password that signs in, once per email", async () => {
    const email = uniqueEmail("cli-admin");
    const run = await runCli(["user", "create", "--email", email, "--role", "ADMIN"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const password = run.stdout.match(new RegExp(`^Created admin ${email} with password: (\\S+)\\n$`))?.[1];
    expect(password).toBeDefined();
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user.role).toBe("ADMIN");
    expect(await verifyPassword(password!, user.passwordHash!)).toBe(true);

    const again = await runCli(["user", "create", "--email", email, "--role", "WORKER"]);
    expect(again.stderr).toBe(`error: A user with email ${email} already exists\n  field email: already taken\n`);
    expect(again.stdout).toBe("");
    expect(await db().user.findMany({ where: { email }, select: { role: true } })).toEqual([{ role: "ADMIN" }]);
    expect(again.code).toBe(1);
  });

  it("refuses a role that does not exist", async () => {
    const email = uniqueEmail("cli-boss");
    const run = await runCli(["user", "create", "--email", email, "--role", "BOSS"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("argument 'BOSS' is invalid. Allowed choices are WORKER, RESEARCHER, ADMIN.");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });
});

describe("preflab project create", () => {
  it("stores exactly the settings given", async () => {
    const slug = unique("cli-ranking");
    const run = await runCli([
      "project",
      "create",
      "--slug",
      slug,
      "--name",
      "CLI ranking",
      "--k",
      "3",
      "--kind",
      "RANKING",
      "--ties",
      "--both-bad",
      "--flags",
      "harmful:Harmful,wrong:Factually wrong",
      "--rationale",
      "REQUIRED",
      "--rationale-min",
      "20",
      "--scale",
      "SEVEN_POINT",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Created project ${slug} ("CLI ranking"): ranking, 3 judgment(s) per item, helpful polarity.\n`);
    const project = await db().project.findUniqueOrThrow({ where: { slug } });
    expect(project).toMatchObject({
      name: "CLI ranking",
      judgmentKind: "RANKING",
      judgmentsPerItem: 3,
      allowTies: true,
      allowBothBad: true,
      flagOptions: [
        { id: "harmful", label: "Harmful" },
        { id: "wrong", label: "Factually wrong" },
      ],
      rationaleMode: "REQUIRED",
      rationaleMinLength: 20,
      pairwiseScale: "SEVEN_POINT",
      // Not given, so the defaults.
      polarity: "HELPFUL",
      leaseSeconds: 900,
    });
  });

  it("records the admin named by --as, and refuses an unknown --as with exit code 1 and no project", async () => {
    const admin = await createTestUser("ADMIN");
    const slug = unique("cli-as");
    const run = await runCli(["project", "create", "--slug", slug, "--name", "CLI as", "--as", admin.email]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const project = await db().project.findUniqueOrThrow({ where: { slug } });
    expect(await db().auditEvent.findMany({ where: { targetId: project.id }, select: { actorId: true, action: true } })).toEqual([
      { actorId: admin.id, action: "project.create" },
    ]);

    const unknownSlug = unique("cli-unknown-as");
    const unknown = await runCli(["project", "create", "--slug", unknownSlug, "--name", "CLI unknown as", "--as", "nobody@test.example"]);
    expect(unknown.stderr).toBe("error: No user with email nobody@test.example\n");
    expect(unknown.stdout).toBe("");
    expect(unknown.code).toBe(1);
    expect(await db().project.count({ where: { slug: unknownSlug } })).toBe(0);
  });

  it("fails on a database error while finding who acts, instead of creating the project for nobody", async () => {
    const slug = unique("cli-db-error");
    // The users table out of the way for one run: the lookup of the acting admin fails, while creating
    // the project alone would not touch it.
    await db().$executeRawUnsafe("ALTER TABLE users RENAME TO users_away");
    let run;
    try {
      run = await runCli(["project", "create", "--slug", slug, "--name", "CLI database error"]);
    } finally {
      await db().$executeRawUnsafe("ALTER TABLE users_away RENAME TO users");
    }
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("users");
    expect(run.stdout).toBe("");
    expect(await db().project.count({ where: { slug } })).toBe(0);
  });

  it("refuses a bad slug and says why", async () => {
    const name = unique("Bad slug project");
    const run = await runCli(["project", "create", "--slug", "Bad_Slug", "--name", name]);
    expect(run.stderr).toContain("field slug: use lowercase letters, digits and single hyphens, like helpful-v1");
    expect(run.stdout).toBe("");
    expect(await db().project.count({ where: { name } })).toBe(0);
    expect(run.code).toBe(1);
  });
});

describe("preflab import", () => {
  const item = (n: number) => JSON.stringify({ prompt: `Question ${n}?`, responses: [{ text: `Answer ${n}a` }, { text: `Answer ${n}b` }] });

  it("stores a Preflab JSONL file as a batch and says how many items", async () => {
    const [project, admin] = await Promise.all([createTestProject(), createTestUser("ADMIN")]);
    const file = writeTemp("three.jsonl", [item(1), item(2), item(3)]);
    const run = await runCli(["import", "--project", project.slug, "--as", admin.email, file]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Imported 3 items \\(preflab\\) into project ${project.slug} as draft batch "three.jsonl" \\([0-9a-f-]{36}\\) in [\\d.]+ s\\. Activate it on the batch page, or import with --activate\\.\\n$`,
      ),
    );
    const batches = await db().batch.findMany({ where: { projectId: project.id } });
    expect(batches).toMatchObject([{ name: "three.jsonl", itemCount: 3, sourceFormat: "preflab", status: "DRAFT", createdById: admin.id }]);
    const items = await db().item.findMany({
      where: { projectId: project.id },
      orderBy: { position: "asc" },
      include: { candidates: { orderBy: { position: "asc" } } },
    });
    expect(items.map((i) => [i.context, i.candidates.map((c) => c.text)])).toEqual(
      [1, 2, 3].map((n) => [[{ role: "user", content: `Question ${n}?` }], [`Answer ${n}a`, `Answer ${n}b`]]),
    );
  });

  it("refuses a file with bad lines, lists every error by line and field, and stores nothing", async () => {
    const [project, admin] = await Promise.all([createTestProject(), createTestUser("ADMIN")]);
    const file = writeTemp("bad.jsonl", [
      item(1),
      JSON.stringify({ prompt: "one response", responses: [{ text: "only" }] }),
      item(3),
      JSON.stringify({ prompt: "typed", responses: [{ text: "a" }, { text: 7 }] }),
      JSON.stringify({ responses: [{ text: "a" }, { text: "b" }] }),
    ]);
    const run = await runCli(["import", "--project", project.slug, "--as", admin.email, file]);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      [
        "error: The file has 3 bad lines; nothing was imported",
        "  line 2, field responses: needs at least 2 responses",
        "  line 4, field responses[1].text: expected a string",
        '  line 5, field messages: give either "messages" or "prompt", not both or neither',
        "",
      ].join("\n"),
    );
    expect(await db().batch.count({ where: { projectId: project.id } })).toBe(0);
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(0);
    expect(run.code).toBe(1);
  });

  it("imports the HH-RLHF sample with --format hh-rlhf", async () => {
    const [project, admin] = await Promise.all([createTestProject(), createTestUser("ADMIN")]);
    const run = await runCli(["import", "--project", project.slug, "--format", "hh-rlhf", "--as", admin.email, HH_SAMPLE_PATH]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Imported 200 items \(hh-rlhf\) into project /);
    expect(await db().batch.findMany({ where: { projectId: project.id }, select: { itemCount: true, sourceFormat: true } })).toEqual([
      { itemCount: 200, sourceFormat: "hh-rlhf" },
    ]);
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(200);
    expect(await db().candidate.count({ where: { item: { projectId: project.id } } })).toBe(400);
  });
});

describe("preflab import options", () => {
  it("--activate makes the batch active; --skip-duplicates leaves out items already in the project", async () => {
    const [project, admin] = await Promise.all([createTestProject(), createTestUser("ADMIN")]);
    const line = (n: number) => JSON.stringify({ prompt: `Q${n}`, responses: [{ text: "a" }, { text: "b" }] });
    const first = await runCli(["import", "--project", project.slug, "--as", admin.email, "--activate", writeTemp("first.jsonl", [line(1), line(2)])]);
    expect(first.stdout).toContain("as active batch");
    const gz = path.join(path.dirname(writeTemp("x", [])), "second.jsonl.gz");
    fs.writeFileSync(gz, zlib.gzipSync([line(1), line(2), line(3)].join("\n")));
    const second = await runCli(["import", "--project", project.slug, "--as", admin.email, "--skip-duplicates", "--name", "More", gz]);
    expect(second.stderr).toBe("");
    expect(second.stdout).toMatch(/^Imported 1 items \(preflab\) .* as draft batch "More" .* Skipped 2 duplicates of items already in the project\./);
    const batches = await db().batch.findMany({
      where: { projectId: project.id },
      orderBy: { createdAt: "asc" },
      select: { name: true, status: true, itemCount: true },
    });
    expect(batches).toEqual([
      { name: "first.jsonl", status: "ACTIVE", itemCount: 2 },
      { name: "More", status: "DRAFT", itemCount: 1 },
    ]);
  });

  it("imports a CSV through --map and names the line and column of a bad row", async () => {
    const [project, admin] = await Promise.all([createTestProject(), createTestUser("ADMIN")]);
    const map = "prompt=question,response=left,model=left_model,response=right,reference=winner";
    const bad = writeTemp("bad.csv", ["question,left,left_model,right,winner", "Hi?,Hello,m1,Bye,left", "Q2,a,m1,b,middle"]);
    const refused = await runCli(["import", "--project", project.slug, "--as", admin.email, "--format", "csv", "--map", map, bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('  line 3, field winner: "middle" names no response: use a response column (left, right) or its number 1-2');
    expect(await db().item.count({ where: { projectId: project.id } })).toBe(0);

    const good = writeTemp("good.csv", ["question,left,left_model,right,winner", "Hi?,Hello,m1,Bye,left"]);
    const run = await runCli(["import", "--project", project.slug, "--as", admin.email, "--format", "csv", "--map", map, good]);
    expect(run.code).toBe(0);
    const items = await db().item.findMany({ where: { projectId: project.id }, include: { candidates: { orderBy: { position: "asc" } } } });
    expect(items.map((i) => i.candidates.map((c) => [c.text, c.model, c.referenceRank]))).toEqual([
      [
        ["Hello", "m1", 1],
        ["Bye", null, 2],
      ],
    ]);
  });

  it("refuses CSV without a mapping before touching the database", async () => {
    const [project, admin] = await Promise.all([createTestProject(), createTestUser("ADMIN")]);
    const run = await runCli(["import", "--project", project.slug, "--as", admin.email, "--format", "csv", writeTemp("x.csv", ["a,b"])]);
    expect(run.stderr).toContain("field mapping: a CSV file needs a column mapping");
    expect(run.code).toBe(1);
  });
});

describe("preflab token create", () => {
  it("prints a secret whose SHA-256 is stored with the scopes asked for, and which signs its owner in", async () => {
    const researcher = await createTestUser("RESEARCHER");
    const run = await runCli(["token", "create", "--email", researcher.email, "--name", "nightly export", "--scopes", "tasks,export"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [notice, secret, ...rest] = run.stdout.split("\n");
    expect(notice).toBe(`Created token "nightly export" for ${researcher.email} (scopes: tasks, export). It is shown only once:`);
    expect(rest).toEqual([""]);
    const token = await db().apiToken.findUniqueOrThrow({ where: { tokenHash: hashTokenSecret(secret) } });
    expect(token).toMatchObject({ userId: researcher.id, name: "nightly export", scopes: ["tasks", "export"], prefix: secret.slice(0, 10), revokedAt: null });
    expect(await findActorByTokenSecret(secret)).toEqual({ ...researcher, scopes: ["tasks", "export"] });
  });
});
