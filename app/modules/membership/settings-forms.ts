import { z } from "zod";
import { findBank, isValidAccountNumber, normalizeAccountNumber } from "~/lib/indonesia/banks";
import { normalizeIndonesianPhone } from "~/lib/indonesia/phone";

/** Forms of the member settings page; messages are message keys. */
export const profileSchema = z.object({
  specialtyId: z.string().trim().max(200, "member.error.tooLong").default(""),
  specialtyEn: z.string().trim().max(200, "member.error.tooLong").default(""),
  storyId: z.string().trim().max(3000, "member.error.tooLong").default(""),
  storyEn: z.string().trim().max(3000, "member.error.tooLong").default(""),
  phone: z
    .string()
    .transform((value, context) => {
      const phone = normalizeIndonesianPhone(value);
      if (!phone) context.addIssue({ code: "custom", message: "apply.error.phone" });
      return phone ?? "";
    }),
});

export const bankAccountSchema = z
  .object({
    bankCode: z.string().refine((code) => Boolean(findBank(code)), "apply.error.bankCode"),
    bankAccountNumber: z.string().transform(normalizeAccountNumber),
    bankAccountHolder: z.string().trim().min(2, "apply.error.bankAccountHolder").max(100, "apply.error.bankAccountHolder"),
  })
  .refine((value) => isValidAccountNumber(value.bankCode, value.bankAccountNumber), {
    message: "apply.error.bankAccountNumber",
    path: ["bankAccountNumber"],
  });

export const helperSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "auth.error.email" })),
});
