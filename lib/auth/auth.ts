// Auth.js: email and password (scrypt) for everyone, JWT sessions holding only the user id; the
// role is read from the database on every request (lib/auth/session.ts), so role changes and
// blocks take effect at once. Workers from crowd platforms sign in with no password through the
// "platform" provider, which accepts only a short-lived ticket the server itself signed; their
// session also holds the study session it was made for (sid), and is valid only while that is open.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { db } from "@/lib/db/prisma";
import { verifyPlatformTicket } from "@/lib/auth/platform-ticket";
import { rateLimitedSignInCode } from "@/lib/auth/sign-in-errors";
import { clientAddress } from "@/lib/client-address";
import { requireAuthSecret } from "@/lib/env";
import { findActiveUserById, verifyCredentials } from "@/lib/data/users";
import { isAppError } from "@/lib/errors";

// Auth.js passes on only its own errors' codes (lib/auth/sign-in-errors.ts says where they go).
class SignInRateLimited extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = rateLimitedSignInCode(retryAfterSeconds);
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: PrismaAdapter(db()),
  // Given here rather than left for Auth.js to find, so the one validated value is used everywhere.
  secret: requireAuthSecret(),
  session: { strategy: "jwt" },
  pages: { signIn: "/signin" },
  trustHost: true,
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        try {
          return await verifyCredentials({ credentials, clientAddress: clientAddress(request.headers) });
        } catch (error) {
          if (isAppError(error) && error.code === "RATE_LIMITED") throw new SignInRateLimited(error.retryAfterSeconds ?? 60);
          throw error;
        }
      },
    }),
    Credentials({
      id: "platform",
      name: "Crowd platform",
      credentials: { ticket: {} },
      authorize: async (credentials) => {
        const ticket = verifyPlatformTicket({ ticket: credentials?.ticket });
        return ticket ? findActiveUserById(ticket.userId, ticket.studySessionId) : null;
      },
    }),
  ],
  callbacks: {
    // `user` is given only at sign-in, where the token starts afresh: a password sign-in never keeps
    // the sid of a platform session that was in the same browser. Later calls (Auth.js's own
    // endpoints) end a platform session whose study session has ended: null clears the cookie.
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        const studySessionId = (user as { studySessionId?: unknown }).studySessionId;
        if (typeof studySessionId === "string") token.sid = studySessionId;
        return token;
      }
      if (typeof token.sid === "string" && typeof token.sub === "string" && !(await findActiveUserById(token.sub, token.sid))) return null;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
