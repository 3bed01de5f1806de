import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";

/** A new password: long enough to resist guessing, not absurdly long (bcrypt reads 72 bytes). */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: "PASSWORD_TOO_SHORT" })
  .max(MAX_PASSWORD_LENGTH, { message: "PASSWORD_TOO_LONG" });

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(200)
  .pipe(z.email({ message: "EMAIL_INVALID" }));

export const roleSchema = z.enum(ROLES, { message: "ROLE_INVALID" });

export const createUserSchema = z.object({
  email: emailSchema,
  name: z
    .string()
    .trim()
    .min(1, { message: "NAME_REQUIRED" })
    .max(100, { message: "NAME_TOO_LONG" }),
  role: roleSchema,
  password: passwordSchema,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  userId: z.string().min(1).max(64),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, { message: "CURRENT_PASSWORD_REQUIRED" })
      .max(MAX_PASSWORD_LENGTH),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "PASSWORDS_DIFFER",
    path: ["confirmPassword"],
  });

/** What pages and forms see of a user: never the password hash. */
export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: string;
};

/** An admin lifting a sign-in lock: an account (by email) or a client address (rate-limit key). */
export const liftLockSchema = z.object({
  scope: z.enum(["account", "address"]),
  key: z.string().trim().min(1).max(200),
});
