import { z } from "zod";
import { findBank, isValidAccountNumber, normalizeAccountNumber } from "~/lib/indonesia/banks";
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
    bankCode: z
      .string({ error: "apply.error.bankCode" })
      .trim()
      .refine((code) => findBank(code) !== undefined, "apply.error.bankCode"),
    bankAccountNumber: z
      .string({ error: "apply.error.bankAccountNumber" })
      .transform(normalizeAccountNumber)
      .refine((digits) => digits !== "", "apply.error.bankAccountNumber"),
    bankAccountHolder: text(2, 100, "apply.error.bankAccountHolder"),
    agree: z.literal("on", { error: "apply.error.agree" }),
  })
  .refine((value) => isValidAccountNumber(value.bankCode, value.bankAccountNumber), {
    message: "apply.error.bankAccountNumber",
    path: ["bankAccountNumber"],
    // Check the length for the chosen bank even when other fields have errors, so every error shows at once;
    // skip it when the bank or the number already has its own error.
    when: (payload) =>
      !payload.issues.some((issue) => issue.path?.[0] === "bankCode" || issue.path?.[0] === "bankAccountNumber"),
  });

export type MembershipApplicationInput = z.infer<typeof membershipApplicationSchema>;
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
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: Partial<Record<MembershipApplicationField, MembershipApplicationErrorKey>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as MembershipApplicationField;
    fieldErrors[field] ??= issue.message as MembershipApplicationErrorKey;
  }
  return { ok: false, fieldErrors, values };
}
