import { z } from "zod";

export const ROLES = ["WORKER", "RESEARCHER", "ADMIN"] as const;

export const emailSchema = z.email({ error: "enter a valid email address" }).transform((email) => email.toLowerCase());

export const createUserSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES, { error: "role must be WORKER, RESEARCHER or ADMIN" }),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(8, "passwords need at least 8 characters").max(200).optional(),
});

export type CreateUserInput = z.input<typeof createUserSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "enter your password"),
});
