import { z } from "zod";

const groupName = z.string().trim().min(1, "give the group a name").max(100, "at most 100 characters");

export const createGroupSchema = z.object({ name: groupName });

export const renameGroupSchema = z.object({ groupId: z.uuid({ error: "not a group id" }), name: groupName });

export const groupIdSchema = z.object({ groupId: z.uuid({ error: "not a group id" }) });

export const groupMemberSchema = z.object({
  groupId: z.uuid({ error: "choose a group" }),
  userId: z.uuid({ error: "not a user id" }),
});
