import { z } from "zod";
import { normalizeIndonesianPhone } from "~/lib/indonesia/phone";
import { readPayoutAccount } from "./application";

/** Forms of the member settings page; messages are message keys. */
export const profileSchema = z
  .object({
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
    /** The member shows this profile in the shop (decision 28): it needs a few words of their own. */
    showProfile: z
      .literal("on")
      .optional()
      .transform((value) => value === "on"),
  })
  .superRefine((value, context) => {
    if (value.showProfile && value.storyId.length < 20) context.addIssue({ code: "custom", path: ["storyId"], message: "joining.profile.error.story" });
  });

/** A new payout account from member settings: a bank or an e-wallet, every field required. */
export const bankAccountSchema = z
  .object({
    bankCode: z.string({ error: "apply.error.bankCode" }).default(""),
    bankAccountNumber: z.string({ error: "apply.error.bankAccountNumber" }).default(""),
    bankAccountHolder: z.string({ error: "apply.error.bankAccountHolder" }).default(""),
  })
  .transform((fields, context) => {
    const read = readPayoutAccount(fields, { optional: false });
    if (!read.ok || !read.account) {
      for (const [field, message] of Object.entries(read.ok ? {} : read.errors)) context.addIssue({ code: "custom", path: [field], message });
      return z.NEVER;
    }
    return read.account;
  });

export const helperSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "auth.error.email" })),
});
