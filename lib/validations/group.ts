import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";

const groupName = z.string().trim().min(1, "give the group a name").max(100, "at most 100 characters");

export const createGroupSchema = z.strictObject({ name: groupName });

export const renameGroupSchema = z.strictObject({ groupId: idSchema("group"), name: groupName });

export const groupIdSchema = z.strictObject({ groupId: idSchema("group") });

export const groupMemberSchema = z.strictObject({
  groupId: idSchema("group"),
  userId: idSchema("user"),
});
