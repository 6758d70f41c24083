import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";
import { pageNumberSchema } from "@/lib/validations/page";

export const ROLES = ["WORKER", "RESEARCHER", "ADMIN"] as const;

// Study links label their accounts with addresses under this domain (lib/data/study-participants.ts):
// nobody may take one, so no person's account can ever be mistaken for a participant's.
export const PARTICIPANT_EMAIL_DOMAIN = "participants.invalid";

export const emailSchema = z
  .email({ error: "enter a valid email address" })
  .max(254, "email addresses have at most 254 characters")
  .transform((email) => email.toLowerCase())
  .refine((email) => !email.endsWith(`@${PARTICIPANT_EMAIL_DOMAIN}`), `addresses under ${PARTICIPANT_EMAIL_DOMAIN} are reserved for study participants`);

export const createUserSchema = z.strictObject({
  email: emailSchema,
  role: z.enum(ROLES, { error: "role must be WORKER, RESEARCHER or ADMIN" }),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(8, "passwords need at least 8 characters").max(200).optional(),
});

export type CreateUserInput = z.input<typeof createUserSchema>;

// Not strict: Auth.js hands over its own fields (the redirect, the CSRF token) with the credentials.
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "enter your password").max(200),
});

export const PEOPLE_PAGE_SIZE = 50;

/** The people list's query string: a search on email or name, a role, a group, a page. */
export const findPeopleSchema = z.object({
  // A hand-edited query string falls back to no filter rather than an error page.
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  group: idSchema("group").optional().catch(undefined),
  page: pageNumberSchema().default(1),
});

export type FindPeopleInput = z.input<typeof findPeopleSchema>;

export const changeRoleSchema = z.strictObject({
  userId: idSchema("user"),
  role: z.enum(ROLES, { error: "role must be WORKER, RESEARCHER or ADMIN" }),
});

export const userIdSchema = z.strictObject({ userId: idSchema("user") });

/** Sign-up through an invite: the role comes from the invite, never from the form. */
export const signUpSchema = z
  .strictObject({
    email: emailSchema,
    name: z.string().trim().min(1, "enter your name").max(200),
    password: z.string().min(8, "passwords need at least 8 characters").max(200),
    passwordAgain: z.string().max(200),
  })
  .refine((input) => input.password === input.passwordAgain, { message: "the passwords differ", path: ["passwordAgain"] });

export type SignUpInput = z.input<typeof signUpSchema>;
