import { describe, expect, it } from "vitest";
import { createStudySchema, isAllowedSubmitOrigin, isMturkPreview, mturkEntrySchema, prolificEntrySchema } from "@/lib/validations/study";
import { fieldErrorsFromZod } from "@/lib/formats/zod-issues";

const fieldsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? [] : fieldErrorsFromZod(result.error as never).map((d) => `${d.field} ${d.message}`);

describe("prolificEntrySchema", () => {
  it("takes the ids Prolific sends", () => {
    const query = { PROLIFIC_PID: "5f1a2b3c4d5e6f7a8b9c0d1e", STUDY_ID: "60aa11bb22cc33dd44ee55ff", SESSION_ID: "abc123def456" };
    expect(prolificEntrySchema.parse(query)).toEqual(query);
  });

  it("names each missing or malformed parameter", () => {
    expect(fieldsOf(prolificEntrySchema.safeParse({ PROLIFIC_PID: "{{%PROLIFIC_PID%}}", SESSION_ID: "x".repeat(65) }))).toEqual([
      "PROLIFIC_PID may hold only letters, digits, '-' and '_'",
      "STUDY_ID is missing",
      "SESSION_ID is longer than 64 characters",
    ]);
  });
});

describe("mturkEntrySchema", () => {
  const accepted = { assignmentId: "3ABCDEF", hitId: "3HIT", workerId: "A1WORKER", turkSubmitTo: "https://workersandbox.mturk.com" };

  it("takes an accepted assignment posting back to MTurk or its sandbox", () => {
    expect(mturkEntrySchema().parse(accepted)).toEqual(accepted);
    expect(mturkEntrySchema().parse({ ...accepted, turkSubmitTo: "https://www.mturk.com/" }).turkSubmitTo).toBe("https://www.mturk.com");
  });

  it.each([
    "https://evil.example",
    "http://www.mturk.com",
    "https://www.mturk.com.evil.example",
    "https://www.mturk.com/elsewhere",
    "javascript:alert(1)",
    "not a url",
  ])("refuses turkSubmitTo=%s", (turkSubmitTo) => {
    expect(fieldsOf(mturkEntrySchema().safeParse({ ...accepted, turkSubmitTo }))[0]).toMatch(/^turkSubmitTo /);
  });

  it("allows another origin only when the environment names it", () => {
    const local = { ...accepted, turkSubmitTo: "http://127.0.0.1:4567" };
    expect(mturkEntrySchema().safeParse(local).success).toBe(false);
    expect(mturkEntrySchema({ extraSubmitOrigins: ["http://127.0.0.1"] }).parse(local).turkSubmitTo).toBe("http://127.0.0.1:4567");
    expect(mturkEntrySchema({ extraSubmitOrigins: ["http://127.0.0.1:9999"] }).safeParse(local).success).toBe(false);
    expect(isAllowedSubmitOrigin(new URL("https://127.0.0.1:4567"), ["http://127.0.0.1"])).toBe(false);
  });

  it("tells a preview apart and wants a worker otherwise", () => {
    expect(isMturkPreview({ assignmentId: "ASSIGNMENT_ID_NOT_AVAILABLE", hitId: "3HIT" })).toBe(true);
    expect(isMturkPreview(accepted)).toBe(false);
    expect(fieldsOf(mturkEntrySchema().safeParse({ ...accepted, workerId: undefined }))).toEqual(["workerId is missing"]);
  });
});

describe("createStudySchema", () => {
  const base = { projectId: "0b8f4a4e-6c57-4f0e-9a53-2f0f1c7d9e11", name: "Pilot", requiredJudgments: "10" };

  it("needs a well-formed completion code for Prolific", () => {
    expect(createStudySchema.parse({ ...base, platform: "PROLIFIC", completionCode: " C0DE1234 " })).toMatchObject({
      completionCode: "C0DE1234",
      requiredJudgments: 10,
    });
    expect(fieldsOf(createStudySchema.safeParse({ ...base, platform: "PROLIFIC", completionCode: "<b>" }))[0]).toMatch(/^completionCode /);
  });

  it("offers 100 places unless told, and refuses fewer than one", () => {
    expect(createStudySchema.parse({ ...base, platform: "MTURK" }).maxParticipants).toBe(100);
    expect(createStudySchema.parse({ ...base, platform: "MTURK", maxParticipants: "40" }).maxParticipants).toBe(40);
    expect(fieldsOf(createStudySchema.safeParse({ ...base, platform: "MTURK", maxParticipants: "0" }))).toEqual(["maxParticipants at least 1 participant"]);
  });

  it("keeps no code for MTurk and refuses zero judgments", () => {
    expect(createStudySchema.parse({ ...base, platform: "MTURK", completionCode: "IGNORED" }).completionCode).toBeNull();
    expect(fieldsOf(createStudySchema.safeParse({ ...base, platform: "MTURK", requiredJudgments: "0" }))).toEqual(["requiredJudgments at least 1 judgment"]);
  });
});
