import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";

const groupName = z.string().trim().min(1, "give the group a name").max(100, "at most 100 characters");

export const createGroupSchema = z.object({ name: groupName });

export const renameGroupSchema = z.object({ groupId: idSchema("group"), name: groupName });

export const groupIdSchema = z.object({ groupId: idSchema("group") });

export const groupMemberSchema = z.object({
  groupId: idSchema("group"),
  userId: idSchema("user"),
});
