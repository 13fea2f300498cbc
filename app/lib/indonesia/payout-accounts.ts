import { findBank, indonesianBanks, isValidAccountNumber, normalizeAccountNumber } from "./banks";
import { normalizeIndonesianPhone } from "./phone";

/**
 * Where a member's payouts can go: a bank account, or an e-wallet (GoPay, OVO, DANA, ShopeePay), which many women
 * micro-entrepreneurs have before they have a bank account. An e-wallet account is its registered mobile number
 * (stored E.164) and the holder's name; bank-transfer files cannot pay it, so the treasurer pays it from the
 * cooperative's own e-wallet or a disbursement service (DOMAIN.md).
 */
export type PayoutKind = "bank" | "ewallet";

export interface PayoutProvider {
  code: string;
  name: string;
  kind: PayoutKind;
}

export const indonesianEwallets: readonly PayoutProvider[] = Object.freeze([
  { code: "gopay", name: "GoPay", kind: "ewallet" },
  { code: "ovo", name: "OVO", kind: "ewallet" },
  { code: "dana", name: "DANA", kind: "ewallet" },
  { code: "shopeepay", name: "ShopeePay", kind: "ewallet" },
] as const);

export const payoutProviders: readonly PayoutProvider[] = Object.freeze([
  ...indonesianBanks.map((bank) => ({ code: bank.code, name: bank.name, kind: "bank" as const })),
  ...indonesianEwallets,
]);

const byCode = new Map(payoutProviders.map((provider) => [provider.code, provider]));

export function findPayoutProvider(code: string): PayoutProvider | undefined {
  return typeof code === "string" ? byCode.get(code) : undefined;
}

/** A mobile number, as e-wallets are registered to one: `+628…` (landlines are refused). */
function normalizeMobile(input: string): string | null {
  const phone = normalizeIndonesianPhone(input);
  return phone && phone.startsWith("+628") ? phone : null;
}

/**
 * The account number as stored for this provider, or null when it is not one: a bank's digits within the bank's
 * length range, an e-wallet's Indonesian mobile number (`08…`, `+62 8…`) as E.164.
 */
export function normalizePayoutNumber(code: string, input: string): string | null {
  const provider = findPayoutProvider(code);
  if (!provider) return null;
  if (provider.kind === "ewallet") return normalizeMobile(input);
  const digits = normalizeAccountNumber(input);
  return isValidAccountNumber(code, digits) ? digits : null;
}

/** The provider's name as people read it ("BCA (Bank Central Asia)", "GoPay"); the code itself when unknown. */
export function payoutProviderName(code: string): string {
  return findPayoutProvider(code)?.name ?? findBank(code)?.name ?? code;
}

/** The choices a payout-account form offers, banks and e-wallets apart. */
export function payoutChoices() {
  const option = (provider: PayoutProvider) => ({ value: provider.code, label: provider.name });
  return {
    banks: payoutProviders.filter((provider) => provider.kind === "bank").map(option),
    ewallets: indonesianEwallets.map(option),
  };
}

export type PayoutChoices = ReturnType<typeof payoutChoices>;
