import { z } from "zod";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";

const scopeNames = Object.keys(TOKEN_SCOPES) as [keyof typeof TOKEN_SCOPES, ...(keyof typeof TOKEN_SCOPES)[]];

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1, "give the token a name").max(100),
  scopes: z
    .array(z.enum(scopeNames, { error: `scopes are ${scopeNames.join(", ")}` }))
    .min(1, "choose at least one scope")
    .max(scopeNames.length, "each scope at most once"),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;
