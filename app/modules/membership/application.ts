import { z } from "zod";
import { findPayoutProvider, normalizePayoutNumber, type PayoutKind } from "~/lib/indonesia/payout-accounts";
import { normalizeNib } from "~/lib/indonesia/nib";
import { normalizeIndonesianPhone } from "~/lib/indonesia/phone";

/**
 * The "Daftar jadi anggota" form. Input is what FormData carries (strings, or nothing for an empty
 * checkbox); every error message is a message key from ./messages. Whether the four area codes nest is
 * checked by the caller with `resolveArea` (it needs the area data), which answers `apply.error.area`.
 */

export const membershipApplicationErrorKeys = [
  "apply.error.businessName",
  "apply.error.ownerName",
  "apply.error.phone",
  "apply.error.email",
  "apply.error.provinceCode",
  "apply.error.regencyCode",
  "apply.error.districtCode",
  "apply.error.villageCode",
  "apply.error.street",
  "apply.error.postalCode",
  "apply.error.nib",
  "apply.error.products",
  "apply.error.bankCode",
  "apply.error.bankAccountNumber",
  "apply.error.ewalletNumber",
  "apply.error.bankAccountHolder",
  "apply.error.agree",
] as const;
export type MembershipApplicationErrorKey = (typeof membershipApplicationErrorKeys)[number];

const text = (min: number, max: number, key: MembershipApplicationErrorKey) =>
  z.string({ error: key }).trim().min(min, key).max(max, key);

/** An area code as the selects send it (`35`, `35.13`, `35.13.12`, `35.13.12.2020`); whether it exists is resolveArea's job. */
const areaCode = (key: MembershipApplicationErrorKey) =>
  z.string({ error: key }).trim().min(1, key).max(20, key).regex(/^[0-9.]+$/, key);

const normalized = (normalize: (value: string) => string | null, key: MembershipApplicationErrorKey) =>
  z.string({ error: key }).transform((value, context) => {
    const result = normalize(value);
    if (result === null) {
      context.addIssue({ code: "custom", message: key });
      return z.NEVER;
    }
    return result;
  });

export const membershipApplicationSchema = z
  .object({
    businessName: text(2, 100, "apply.error.businessName"),
    ownerName: text(2, 100, "apply.error.ownerName"),
    phone: normalized(normalizeIndonesianPhone, "apply.error.phone"),
    email: z
      .string({ error: "apply.error.email" })
      .trim()
      .toLowerCase()
      .max(200, "apply.error.email")
      .pipe(z.email({ error: "apply.error.email" })),
    provinceCode: areaCode("apply.error.provinceCode"),
    regencyCode: areaCode("apply.error.regencyCode"),
    districtCode: areaCode("apply.error.districtCode"),
    villageCode: areaCode("apply.error.villageCode"),
    street: text(5, 200, "apply.error.street"),
    postalCode: z.string({ error: "apply.error.postalCode" }).trim().regex(/^[0-9]{5}$/, "apply.error.postalCode"),
    /** Optional: empty or missing → null. */
    nib: z
      .string({ error: "apply.error.nib" })
      .optional()
      .transform((value, context) => {
        if (value === undefined || value.trim() === "") return null;
        const nib = normalizeNib(value);
        if (nib === null) {
          context.addIssue({ code: "custom", message: "apply.error.nib" });
          return z.NEVER;
        }
        return nib;
      }),
    products: text(10, 1000, "apply.error.products"),
    /** The payout account: checked together by `readPayoutAccount` (optional at application). */
    bankCode: z.string({ error: "apply.error.bankCode" }).optional(),
    bankAccountNumber: z.string({ error: "apply.error.bankAccountNumber" }).optional(),
    bankAccountHolder: z.string({ error: "apply.error.bankAccountHolder" }).optional(),
    agree: z.literal("on", { error: "apply.error.agree" }),
  });

export interface PayoutAccountInput {
  kind: PayoutKind;
  code: string;
  number: string;
  holder: string;
}

/** An application's payout columns for the account (all four null when there is none yet). */
export function payoutColumns(payout: PayoutAccountInput | null) {
  return {
    payoutKind: payout?.kind ?? null,
    bankCode: payout?.code ?? null,
    bankAccountNumber: payout?.number ?? null,
    bankAccountHolder: payout?.holder ?? null,
  };
}

type PayoutFields = { bankCode: string; bankAccountNumber: string; bankAccountHolder: string };

/**
 * The payout account of a form (application or member settings): a bank or an e-wallet, the number checked for
 * it. `optional`: all three fields left empty means "none yet" (the application); otherwise each must be right.
 */
export function readPayoutAccount(
  fields: PayoutFields,
  options: { optional: boolean } = { optional: true },
): { ok: true; account: PayoutAccountInput | null } | { ok: false; errors: Partial<Record<keyof PayoutFields, MembershipApplicationErrorKey>> } {
  const code = fields.bankCode.trim();
  const holder = fields.bankAccountHolder.trim();
  if (options.optional && code === "" && fields.bankAccountNumber.trim() === "" && holder === "") return { ok: true, account: null };
  const errors: Partial<Record<keyof PayoutFields, MembershipApplicationErrorKey>> = {};
  const provider = findPayoutProvider(code);
  if (!provider) errors.bankCode = "apply.error.bankCode";
  const number = provider ? normalizePayoutNumber(code, fields.bankAccountNumber) : null;
  if (provider && number === null) errors.bankAccountNumber = provider.kind === "ewallet" ? "apply.error.ewalletNumber" : "apply.error.bankAccountNumber";
  if (holder.length < 2 || holder.length > 100) errors.bankAccountHolder = "apply.error.bankAccountHolder";
  if (!provider || number === null || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, account: { kind: provider.kind, code, number, holder } };
}

export type MembershipApplicationInput = Omit<z.infer<typeof membershipApplicationSchema>, "bankCode" | "bankAccountNumber" | "bankAccountHolder"> & {
  /** None yet, or a bank or e-wallet account with its number checked. */
  payout: PayoutAccountInput | null;
};
export type MembershipApplicationField = keyof z.input<typeof membershipApplicationSchema>;

export type ParsedApplication =
  | { ok: true; value: MembershipApplicationInput }
  | {
      ok: false;
      fieldErrors: Partial<Record<MembershipApplicationField, MembershipApplicationErrorKey>>;
      /** What was typed, to fill the form again. */
      values: Record<string, string>;
    };

function isFormData(input: FormData | Record<string, string>): input is FormData {
  return (typeof FormData !== "undefined" && input instanceof FormData) || (typeof input.getAll === "function" && typeof input.entries === "function");
}

/** Text fields as typed (the first value of each name; files are ignored). */
function typedValues(input: FormData | Record<string, string>): Record<string, string> {
  const values: Record<string, string> = {};
  if (isFormData(input)) {
    for (const [key, value] of input) if (typeof value === "string" && key !== "__proto__" && !Object.hasOwn(values, key)) values[key] = value;
  } else {
    for (const [key, value] of Object.entries(input)) if (typeof value === "string" && key !== "__proto__") values[key] = value;
  }
  return values;
}

export function parseApplication(input: FormData | Record<string, string>): ParsedApplication {
  const values = typedValues(input);
  const result = membershipApplicationSchema.safeParse(values);
  // The payout account is checked even when other fields have errors, so every error shows at once.
  const payout = readPayoutAccount({
    bankCode: values.bankCode ?? "",
    bankAccountNumber: values.bankAccountNumber ?? "",
    bankAccountHolder: values.bankAccountHolder ?? "",
  });
  if (result.success && payout.ok) {
    const { bankCode: _code, bankAccountNumber: _number, bankAccountHolder: _holder, ...fields } = result.data;
    return { ok: true, value: { ...fields, payout: payout.account } };
  }
  const fieldErrors: Partial<Record<MembershipApplicationField, MembershipApplicationErrorKey>> = {};
  for (const issue of result.error?.issues ?? []) {
    const field = issue.path[0] as MembershipApplicationField;
    fieldErrors[field] ??= issue.message as MembershipApplicationErrorKey;
  }
  if (!payout.ok) for (const [field, message] of Object.entries(payout.errors)) fieldErrors[field as MembershipApplicationField] ??= message;
  return { ok: false, fieldErrors, values };
}
