import { stringify } from "csv-stringify/sync";
import { findBank } from "~/lib/indonesia/banks";
import { payoutProviderName } from "~/lib/indonesia/payout-accounts";
import type { Payout, PayoutRun } from "./runs.server";

/**
 * The files a treasurer takes to the bank (decision 34). Every cell goes through csv-stringify with
 * `escape_formulas`, so a holder name someone typed as `=HYPERLINK(…)` reaches a spreadsheet as text.
 *
 * - `generic`: one row per bank payout with a header (name, bank, bank code, account number, amount, reference),
 *   for any bank's manual or bulk transfer screen and for the cooperative's own records.
 * - `mandiri`: Bank Mandiri MCM's bulk transfer upload ("Payroll - Multi Service" file structure): a `P` header row
 *   (date yyyyMMdd, debited account, number of records, total), then one row per transfer: beneficiary account,
 *   name, three address lines, currency, amount, remark, customer reference, FT service (`IBU` in-house for
 *   Mandiri accounts, `BAU` BI-FAST by account number for other banks), beneficiary bank code and name.
 * - `ewallet`: e-wallet payouts, which no bank file can pay: the list the treasurer pays from the cooperative's own
 *   e-wallet or a disbursement service.
 */
export type BankFileFormat = "generic" | "mandiri" | "ewallet";
export const bankFileFormats: readonly BankFileFormat[] = ["generic", "mandiri", "ewallet"];

const csv = (rows: (string | number)[][]) => stringify(rows, { escape_formulas: true });

function yyyymmdd(date: Date): string {
  // The bank's calendar is Indonesia's: WIB (UTC+7) is what its cut-off times use.
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");
}

export function bankFile(
  format: BankFileFormat,
  input: { run: PayoutRun; payouts: Payout[]; debitAccount: string; date: Date },
): string {
  const banked = input.payouts.filter((payout) => payout.kind === "bank" && payout.status !== "failed");
  if (format === "ewallet") {
    const wallets = input.payouts.filter((payout) => payout.kind === "ewallet" && payout.status !== "failed");
    return csv([
      ["e_wallet", "phone", "holder_name", "business", "member_number", "amount", "reference"],
      ...wallets.map((payout) => [payoutProviderName(payout.providerCode), payout.accountNumber, payout.holderName, payout.businessName, payout.memberNumber, payout.amount, payout.reference]),
    ]);
  }
  if (format === "generic") {
    return csv([
      ["name", "bank", "bank_code", "account_number", "amount", "reference"],
      ...banked.map((payout) => [payout.holderName, payoutProviderName(payout.providerCode), findBank(payout.providerCode)?.clearingCode ?? "", payout.accountNumber, payout.amount, payout.reference]),
    ]);
  }
  const total = banked.reduce((sum, payout) => sum + payout.amount, 0);
  return csv([
    ["P", yyyymmdd(input.date), input.debitAccount, banked.length, `${total}.00`],
    ...banked.map((payout) => {
      const bank = findBank(payout.providerCode);
      const inHouse = payout.providerCode === "mandiri";
      return [
        payout.accountNumber,
        payout.holderName.slice(0, 40),
        "",
        "",
        "",
        "IDR",
        `${payout.amount}.00`,
        `Pencairan ${payout.reference}`.slice(0, 140),
        payout.reference.slice(0, 19),
        inHouse ? "IBU" : "BAU",
        inHouse ? "" : (bank?.clearingCode ?? ""),
        inHouse ? "" : (bank?.name ?? payout.providerCode),
      ];
    }),
  ]);
}
