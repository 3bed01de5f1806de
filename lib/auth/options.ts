import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ensureAuthSecret } from "@/lib/ops/auth-secret";
import { endSessions, signInWithPassword } from "./mutations";
import { findSessionUser } from "./data";
import { requestClientKey } from "@/lib/ops/client-address";

/**
 * next-auth configuration: email + password against our users table, JWT sessions.
 * The token carries only the user id and session version; the session callback reads the account
 * from the database on every request (lib/auth/session.ts and /api/auth/session alike), so a role
 * change, a disabled account or a stale session version takes effect at once. Signing out, a
 * password change and disabling all move the session version on, so a copy of an old cookie opens
 * nothing from then on.
 */
export const authOptions: NextAuthOptions = {
  secret: ensureAuthSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        // next-auth hands over the request's headers as a plain object; the X-Forwarded-For guard
        // (instrumentation.ts) has made x-forwarded-for unspoofable before it arrives here.
        const raw = (req?.headers as Record<string, string | string[] | undefined> | undefined)?.[
          "x-forwarded-for"
        ];
        const address = requestClientKey({
          get: () => (Array.isArray(raw) ? raw.join(", ") : (raw ?? null)),
        });
        const result = await signInWithPassword(
          credentials?.email ?? "",
          credentials?.password ?? "",
          address,
        );
        // Thrown messages reach the sign-in form as `error` codes: LOCKED, DISABLED.
        if (!result.ok) {
          if (result.code === "LOCKED" || result.code === "DISABLED") throw new Error(result.code);
          return null;
        }
        return {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          sv: result.user.sessionVersion,
        };
      },
    }),
  ],
  events: {
    // next-auth (JWT strategy) calls this after checking the sign-out POST's CSRF token.
    async signOut({ token }) {
      const sv = typeof token?.sv === "number" ? token.sv : 1;
      if (typeof token?.sub === "string") await endSessions(token.sub, sv);
    },
  },
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sv = (user as { sv?: number }).sv ?? 1;
      return token;
    },
    async session({ session, token }) {
      const sv = typeof token.sv === "number" ? token.sv : 1;
      const user = typeof token.sub === "string" ? await findSessionUser(token.sub, sv) : null;
      // A token of a deleted or disabled account, or one older than its account's session version: no user.
      if (!user) return { expires: session.expires };
      return {
        ...session,
        user: { id: user.id, name: user.name, email: user.email, role: user.role },
      };
    },
  },
};
