import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { exportOptionsSchema } from "@/lib/exports/export-options";
import { createApiTokenSchema } from "@/lib/validations/api-token";
import { setBatchPrioritySchema, setBatchStatusSchema } from "@/lib/validations/batch";
import { answerTurnSchema, endConversationSchema, sendMessageSchema } from "@/lib/validations/conversation";
import { createGroupSchema, groupMemberSchema } from "@/lib/validations/group";
import { createInviteSchema } from "@/lib/validations/invite";
import { draftSchema, skipSchema, submitJudgmentSchema } from "@/lib/validations/judgment";
import { pageNumberSchema } from "@/lib/validations/page";
import { parseInput } from "@/lib/validations/parse";
import { createProjectSchema, updateProjectSchema } from "@/lib/validations/project";
import { sendTurnsForReviewSchema } from "@/lib/validations/review";
import { createStudySchema } from "@/lib/validations/study";
import { changeRoleSchema, createUserSchema, signUpSchema } from "@/lib/validations/user";

const ID = "4f6f0a43-1e5b-4a3a-9d1c-6f1f3b2a9c10";

function refusal(schema: z.ZodType, input: unknown): AppError {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("unknown fields", () => {
  it("are refused by name, with the field that was probably meant", () => {
    const error = refusal(submitJudgmentSchema, { strength: -4, strenght: 4, idempotencyKey: "key-12345678" });
    expect(error.details).toEqual([{ field: "strenght", message: "unknown field; did you mean strength?" }]);
    expect(error.message).toBe("strenght: unknown field; did you mean strength?");
  });

  it("are refused inside nested objects too", () => {
    const error = refusal(answerTurnSchema, { answer: { strength: 2, idempotencyKey: "key-12345678", rationnale: "A is right" } });
    expect(error.details).toEqual([{ field: "answer.rationnale", message: "unknown field; did you mean rationale?" }]);
    const flags = refusal(createProjectSchema, { slug: "p-1", name: "P", flagOptions: [{ id: "harm", label: "Harm", colour: "red" }] });
    expect(flags.details).toEqual([{ field: "flagOptions[0].colour", message: "unknown field" }]);
  });

  // Every body a person or a script sends, each with a valid input: one extra field must be refused.
  const bodies: [string, z.ZodType, Record<string, unknown>][] = [
    ["judgment", submitJudgmentSchema, { strength: 1, idempotencyKey: "key-12345678" }],
    ["draft", draftSchema, { strength: 1 }],
    ["skip", skipSchema, { reason: "Not my language" }],
    ["message", sendMessageSchema, { content: "Hello", idempotencyKey: "key-12345678" }],
    ["end", endConversationSchema, { rating: 4 }],
    ["export", exportOptionsSchema, { format: "trl", projects: ["demo"] }],
    ["token", createApiTokenSchema, { name: "script", scopes: ["tasks"] }],
    ["batch status", setBatchStatusSchema, { batchId: ID, status: "ACTIVE" }],
    ["batch priority", setBatchPrioritySchema, { batchId: ID, priority: 1 }],
    ["group", createGroupSchema, { name: "Team" }],
    ["group member", groupMemberSchema, { groupId: ID, userId: ID }],
    ["invite", createInviteSchema, { role: "WORKER", maxUses: 1, expiresInDays: 1 }],
    ["project", createProjectSchema, { slug: "p-1", name: "P" }],
    ["project settings", updateProjectSchema, { name: "P" }],
    ["review", sendTurnsForReviewSchema, { sourceProjectSlug: "a-1", targetProjectSlug: "b-1" }],
    ["study", createStudySchema, { projectId: ID, platform: "MTURK", name: "S", requiredJudgments: 1 }],
    ["user", createUserSchema, { email: "a@example.com", role: "WORKER" }],
    ["role", changeRoleSchema, { userId: ID, role: "ADMIN" }],
    ["sign-up", signUpSchema, { email: "a@example.com", name: "A", password: "password1", passwordAgain: "password1" }],
  ];

  it.each(bodies)("are refused in the %s body", (_, schema, valid) => {
    expect(() => parseInput(schema, valid)).not.toThrow();
    expect(refusal(schema, { ...valid, unexpected: true }).details).toEqual([{ field: "unexpected", message: "unknown field" }]);
  });
});

describe("text that cannot be stored", () => {
  it("is refused with its field, whichever boundary parses it", () => {
    const error = refusal(skipSchema, { reason: "Not my\u0000language" });
    expect(error).toMatchObject({ code: "INVALID_INPUT", details: [{ field: "reason", message: expect.stringContaining("NUL") }] });
  });
});

describe("limits on lists and texts", () => {
  it("bound a tie's size and a draft ranking's groups", () => {
    const labels = Array.from({ length: 10 }, () => "A");
    expect(refusal(submitJudgmentSchema, { ranking: [labels], idempotencyKey: "key-12345678" }).details[0].field).toBe("ranking[0]");
    expect(refusal(draftSchema, { ranking: [labels] }).details[0].field).toBe("ranking[0]");
  });

  it("bound a project slug in export options", () => {
    expect(refusal(exportOptionsSchema, { format: "trl", projects: ["a".repeat(61)] }).details[0].field).toBe("projects[0]");
  });
});

describe("dates", () => {
  it.each(["2026-13-45", "2026-02-30", "2025-02-29", "1969-12-31", "2026-1-5", "26-11-27"])("refuse %s in export options", (day) => {
    expect(refusal(exportOptionsSchema, { format: "trl", projects: ["demo"], from: day }).details.map((d) => d.field)).toEqual(["from"]);
  });

  it("take days that exist", () => {
    expect(parseInput(exportOptionsSchema, { format: "trl", projects: ["demo"], from: "2024-02-29", to: "2026-12-31" })).toMatchObject({
      from: "2024-02-29",
      to: "2026-12-31",
    });
  });
});

describe("page numbers", () => {
  it.each([["1.5"], ["1e21"], ["-3"], ["0"], ["abc"], [""], [undefined], [["2", "3"]]])("read %j as page 1", (page) => {
    expect(pageNumberSchema().parse(page)).toBe(1);
  });

  it("read a whole page number within the bound", () => {
    expect(pageNumberSchema().parse("7")).toBe(7);
    expect(pageNumberSchema(100).parse("101")).toBe(1);
  });
});
