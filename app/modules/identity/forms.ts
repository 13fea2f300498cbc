import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

/** Form schemas for accounts; every message is a message key. */
const email = z
  .string({ error: "auth.error.email" })
  .trim()
  .toLowerCase()
  .max(200, "auth.error.email")
  .pipe(z.email({ error: "auth.error.email" }));

export const newPassword = z
  .string({ error: "auth.error.passwordLength" })
  .min(PASSWORD_MIN_LENGTH, "auth.error.passwordLength")
  .max(PASSWORD_MAX_LENGTH, "auth.error.passwordLength");

export const signInSchema = z.object({
  email,
  password: z.string({ error: "auth.error.passwordRequired" }).min(1, "auth.error.passwordRequired").max(PASSWORD_MAX_LENGTH, "auth.error.passwordRequired"),
});

export const signUpSchema = z.object({
  name: z.string({ error: "auth.error.name" }).trim().min(2, "auth.error.name").max(100, "auth.error.name"),
  email,
  password: newPassword,
});

export const forgotPasswordSchema = z.object({ email });

export const setPasswordSchema = z
  .object({ password: newPassword, confirmPassword: z.string({ error: "auth.error.passwordMismatch" }) })
  .refine((value) => value.password === value.confirmPassword, { message: "auth.error.passwordMismatch", path: ["confirmPassword"] });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "auth.error.passwordRequired" }).min(1, "auth.error.passwordRequired"),
    password: newPassword,
    confirmPassword: z.string({ error: "auth.error.passwordMismatch" }),
  })
  .refine((value) => value.password === value.confirmPassword, { message: "auth.error.passwordMismatch", path: ["confirmPassword"] });

export const emailSchema = email;
