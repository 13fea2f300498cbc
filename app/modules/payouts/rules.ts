import type { SkippedBusiness } from "~db/schema";
import type { ErrorTable } from "~/lib/results";

/**
 * The settlement run's rules (decision 34), pure so they are unit-tested without a database: who is paid, whether
 * an approver may approve, and which moves a run and a payout may make.
 */

export type RunStatus = "draft" | "approved" | "exported" | "finished" | "cancelled";
export type PayoutStatus = "pending" | "paid" | "failed";

/** What the ledger says one member business may be paid now. */
export interface Available {
  memberId: string;
  available: number;
}

/** A member business with the account its payouts go to, if a treasurer has confirmed one. */
export interface Payee {
  memberId: string;
  businessName: string;
  memberNumber: string;
  account: { id: string; kind: "bank" | "ewallet"; providerCode: string; accountNumber: string; holderName: string } | null;
}

export interface PlannedPayout {
  memberId: string;
  amount: number;
  businessName: string;
  memberNumber: string;
  kind: "bank" | "ewallet";
  providerCode: string;
  accountNumber: string;
  holderName: string;
}

/**
 * Who a run pays: every business whose available balance is at least the minimum (and above zero) and that has a
 * confirmed payout account, the whole available amount. Businesses with money but no confirmed account, or less
 * than the minimum, are listed as skipped with the reason; nothing owed (zero or less) is not listed at all.
 */
export function planRun(balances: Available[], payees: Payee[], minimum: number): { payouts: PlannedPayout[]; skipped: SkippedBusiness[] } {
  const byId = new Map(payees.map((payee) => [payee.memberId, payee]));
  const payouts: PlannedPayout[] = [];
  const skipped: SkippedBusiness[] = [];
  for (const balance of balances) {
    if (!Number.isSafeInteger(balance.available) || balance.available <= 0) continue;
    const payee = byId.get(balance.memberId);
    if (!payee) continue;
    const named = { memberId: payee.memberId, businessName: payee.businessName, memberNumber: payee.memberNumber, available: balance.available };
    if (balance.available < minimum) skipped.push({ ...named, reason: "below_minimum" });
    else if (!payee.account) skipped.push({ ...named, reason: "no_confirmed_account" });
    else {
      const { id: _id, ...account } = payee.account;
      payouts.push({ memberId: payee.memberId, amount: balance.available, businessName: payee.businessName, memberNumber: payee.memberNumber, ...account });
    }
  }
  const byName = (a: { businessName: string }, b: { businessName: string }) => a.businessName.localeCompare(b.businessName, "id");
  return { payouts: payouts.sort(byName), skipped: skipped.sort(byName) };
}

/** The transfer note (berita) of a payout: short enough for every bank's remark field (BCA's is 18 characters). */
export function payoutReference(runNumber: number, memberNumber: string): string {
  return `PO${runNumber}-${memberNumber.replace(/[^A-Za-z0-9-]/g, "")}`.slice(0, 18);
}

/** The moves a run makes; `finished` comes by itself once no payout is pending. */
const runMoves: Record<RunStatus, RunStatus[]> = {
  draft: ["approved", "cancelled"],
  approved: ["exported"],
  exported: ["exported", "finished"],
  finished: [],
  cancelled: [],
};

export function canMoveRun(from: RunStatus, to: RunStatus): boolean {
  return runMoves[from].includes(to);
}

/** A payout is decided once the run's file is out: paid or failed; a paid one may still fail (the bank returned it). */
export function canDecidePayout(run: RunStatus, from: PayoutStatus, to: "paid" | "failed"): boolean {
  if (run !== "exported" && run !== "finished") return false;
  if (to === "paid") return from === "pending";
  return from === "pending" || from === "paid";
}

/**
 * Four eyes: with the setting on, the approver must be someone other than the run's creator. (Holding the approve
 * ability is checked by the guard before this.)
 */
export function checkApprover(input: { fourEyes: boolean; createdBy: string | null; approverUserId: string }): { ok: true } | { ok: false; error: "same_person" } {
  if (input.fourEyes && input.createdBy === input.approverUserId) return { ok: false, error: "same_person" };
  return { ok: true };
}

/** The run is finished when every payout is decided. */
export function runIsDone(statuses: PayoutStatus[]): boolean {
  return statuses.every((status) => status !== "pending");
}

export const payoutErrors = {
  not_found: { status: 404, message: "payouts.error.notFound" },
  run_open: { status: 409, message: "payouts.error.runOpen" },
  nothing_to_pay: { status: 409, message: "payouts.error.nothingToPay" },
  same_person: { status: 403, message: "payouts.error.samePerson" },
  wrong_state: { status: 409, message: "payouts.error.wrongState" },
  balance_changed: { status: 409, message: "payouts.error.balanceChanged" },
  reason_required: { status: 422, message: "payouts.error.reason", field: "reason" },
} satisfies ErrorTable;
export type PayoutError = keyof typeof payoutErrors;
