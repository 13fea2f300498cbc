import { z } from "zod";
import { parseRupiah } from "~/lib/money";
import type { ErrorTable } from "~/lib/results";
import type { AccountRef } from "./accounts.server";

const fixedKinds = [
  "bank",
  "fee_revenue",
  "shipping_revenue",
  "provider_charges",
  "refunds",
  "cash",
  "other_income",
] as const;
const providers = ["midtrans", "stripe", "manual"] as const;

/** An account as a form names it (`accountKey`): `bank`, `provider_clearing:midtrans`, `member_payable:<uuid>`. */
export function accountFromKey(key: string): AccountRef | null {
  const [kind, detail, ...rest] = key.split(":");
  if (rest.length > 0) return null;
  if (kind === "provider_clearing")
    return (providers as readonly string[]).includes(detail ?? "")
      ? { kind, provider: detail as (typeof providers)[number] }
      : null;
  if (kind === "member_payable")
    return detail && z.string().uuid().safeParse(detail).success
      ? { kind, memberId: detail }
      : null;
  return detail === undefined &&
    (fixedKinds as readonly string[]).includes(kind ?? "")
    ? { kind: kind as (typeof fixedKinds)[number] }
    : null;
}

const account = z
  .string()
  .transform((value) => accountFromKey(value))
  .refine(
    (value): value is AccountRef => value !== null,
    "ledger.adjust.error.account"
  );

/** A manager's adjustment: two accounts, an amount and the reason. */
export const adjustmentSchema = z
  .object({
    debit: account,
    credit: account,
    amount: z
      .string()
      .transform((value) => parseRupiah(value))
      .refine(
        (value): value is number =>
          value !== null && value > 0 && value <= 10_000_000_000,
        "ledger.adjust.error.amount"
      ),
    reason: z
      .string()
      .trim()
      .min(5, "ledger.adjust.error.reason")
      .max(300, "ledger.adjust.error.reason"),
  })
  .refine(
    (value) => JSON.stringify(value.debit) !== JSON.stringify(value.credit),
    { message: "ledger.adjust.error.same", path: ["credit"] }
  );
export type AdjustmentInput = z.output<typeof adjustmentSchema>;

export const ledgerErrors = {
  unknown_member: {
    status: 404,
    message: "ledger.adjust.error.account",
    field: "debit",
  },
} satisfies ErrorTable;
export type LedgerError = keyof typeof ledgerErrors;
