import { z } from "zod";
import { findBank, indonesianBanks, normalizeAccountNumber } from "~/lib/indonesia/banks";
import { normalizeIndonesianPhone } from "~/lib/indonesia/phone";
import { percentToBasisPoints } from "~/lib/percent";

const text = (min: number, max: number, key: string) => z.string({ error: key }).trim().min(min, key).max(max, key);
const optionalText = (max: number) => z.string().trim().max(max, "member.error.tooLong").default("");
const whole = (min: number, max: number, key: string) => z.coerce.number({ error: key }).int(key).min(min, key).max(max, key);
/** A count of days typed as digits (an empty field is not 0). */
const days = (max: number, key: string) => z.string({ error: key }).trim().regex(/^\d{1,3}$/, key).transform(Number).pipe(z.number().max(max, key));

/** The cooperative settings form; messages are message keys. */
export const settingsFormSchema = z
  .object({
    name: text(3, 80, "settings.error.name"),
    legalName: text(3, 160, "settings.error.legalName"),
    taglineId: optionalText(160),
    taglineEn: optionalText(160),
    storyId: optionalText(3000),
    storyEn: optionalText(3000),
    address: text(5, 300, "settings.error.address"),
    postalCode: z.string().trim().regex(/^\d{5}$/, "settings.error.postalCode"),
    phone: z.string().transform((value, context) => {
      const phone = normalizeIndonesianPhone(value);
      if (!phone) context.addIssue({ code: "custom", message: "apply.error.phone" });
      return phone ?? "";
    }),
    email: z.string().trim().toLowerCase().pipe(z.email({ error: "auth.error.email" })),
    feeRate: z.string({ error: "settings.error.feeRate" }).transform((value, context) => {
      const basisPoints = percentToBasisPoints(value);
      if (basisPoints === null || basisPoints > 5000) context.addIssue({ code: "custom", message: "settings.error.feeRate" });
      return basisPoints ?? 0;
    }),
    payoutHoldDays: whole(0, 60, "settings.error.payoutHoldDays"),
    orderExpiryHours: whole(1, 72, "settings.error.orderExpiryHours"),
    reviewSkipPricePct: whole(0, 50, "settings.error.reviewSkipPricePct"),
    // The order's days (decision 31), within the database's own checks.
    handoverDays: days(14, "settings.error.handoverDays"),
    completeAfterDays: days(60, "settings.error.completeAfterDays"),
    returnWindowDays: days(60, "settings.error.returnWindowDays"),
    vatRegistered: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
    bankCode: z.string().refine((code) => Boolean(findBank(code)), "apply.error.bankCode"),
    bankAccountNumber: z.string().transform(normalizeAccountNumber),
    bankAccountHolder: text(2, 100, "apply.error.bankAccountHolder"),
  })
  .transform(({ feeRate, bankCode, ...rest }) => ({ ...rest, feeRateBp: feeRate, bankName: findBank(bankCode)!.name }));

export type SettingsForm = z.infer<typeof settingsFormSchema>;

/** The bank code for a stored bank name (the cooperative's account stores the name shoppers read). */
export function bankCodeForName(name: string): string {
  return indonesianBanks.find((bank) => bank.name === name || bank.name.startsWith(`${name} `))?.code ?? "";
}
