import { handlers } from "@/lib/auth/auth";
import { rateLimitedSignInResponse } from "@/lib/auth/sign-in-errors";

export const { GET } = handlers;

// A sign-in refused by a rate limit answers 429 with Retry-After, not Auth.js's redirect to the sign-in
// page, so a script (or a browser's devtools) sees what happened and how long to wait.
export async function POST(...args: Parameters<typeof handlers.POST>): Promise<Response> {
  const response = await handlers.POST(...args);
  return rateLimitedSignInResponse(response) ?? response;
}
