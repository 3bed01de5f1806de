import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { ensureAuthSecret } from "./secret";
import { signInWithPassword } from "@/lib/users/mutations";

/**
 * next-auth configuration: email + password against our users table, JWT sessions.
 * The token carries only the user id and session version; role and disabled flag are read from
 * the database on every request by lib/auth/session.ts, so changes take effect at once.
 */
export const authOptions: NextAuthOptions = {
  secret: ensureAuthSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const result = await signInWithPassword(credentials?.email ?? "", credentials?.password ?? "");
        // Thrown messages reach the sign-in form as `error` codes: LOCKED, DISABLED.
        if (!result.ok) {
          if (result.code === "LOCKED" || result.code === "DISABLED") throw new Error(result.code);
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, sv: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.sv = (user as { sv?: number }).sv ?? 1;
      return token;
    },
    async session({ session, token }) {
      if (session.user) Object.assign(session.user, { id: token.sub, sv: token.sv ?? 1 });
      return session;
    },
  },
};
