import type { Db } from "~db/client";
import { maskAccountNumber } from "~/lib/indonesia/banks";
import { formatRupiah } from "~/lib/money";
import { allOrNothing, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { memberBalances } from "~/modules/ledger/balances.server";
import { postPayout, reverseEntry } from "~/modules/ledger/post.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { bankFile, type BankFileFormat } from "~/modules/payouts/bank-files.server";
import { canDecidePayout, canMoveRun, checkApprover, planRun, runIsDone, type PayoutError, type RunStatus } from "~/modules/payouts/rules";
import { decidePayoutRow, getRun, insertRun, lockRuns, moveRun, openRun, ownerOf, payeesOf, type Payout } from "~/modules/payouts/runs.server";
import { getPayoutRules } from "~/modules/tenancy/settings.server";

/**
 * The settlement run (decision 34), one use case per function, each in one transaction: a treasurer creates a run
 * from the ledger's available balances, a second staff member approves it, the bank file is exported, and each
 * payout is marked paid (posted to the ledger once) or failed (nothing posted, or the posting reversed).
 */

interface Who {
  cooperativeId: string;
  actorUserId: string;
  ipAddress?: string;
}

interface Shop {
  name: string;
  origin: string;
}

/**
 * Makes the cooperative's draft run: every business with at least the minimum available at `now` (the clock's) and
 * a confirmed account, each amount snapshotted with the account. When a run is already open (a second treasurer
 * clicking at the same time), answers that run instead of making another.
 */
export async function createPayoutRun(db: Db, input: Who & { now: Date }): Promise<{ ok: true; runId: string; created: boolean } | Refused<PayoutError>> {
  return allOrNothing(db, async (tx) => {
    await lockRuns(tx, input.cooperativeId);
    const open = await openRun(tx, input.cooperativeId);
    if (open) return { ok: true as const, runId: open.id, created: false };
    const rules = await getPayoutRules(tx, input.cooperativeId);
    const [balances, payees] = await Promise.all([
      memberBalances(tx, input.cooperativeId, { now: input.now, holdDays: rules.payoutHoldDays }),
      payeesOf(tx, input.cooperativeId),
    ]);
    const plan = planRun(balances, payees, rules.payoutMinimum);
    if (plan.payouts.length === 0) return { ok: false as const, error: "nothing_to_pay" as const };
    const run = await insertRun(tx, {
      cooperativeId: input.cooperativeId,
      createdBy: input.actorUserId,
      asOf: input.now,
      holdDays: rules.payoutHoldDays,
      minimum: rules.payoutMinimum,
      fourEyes: rules.payoutFourEyes,
      payouts: plan.payouts,
      skipped: plan.skipped,
    });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "payout.run_created",
      entityType: "payout_run",
      entityId: run.id,
      after: {
        number: run.number,
        payouts: plan.payouts.length,
        total: plan.payouts.reduce((sum, payout) => sum + payout.amount, 0),
        skipped: plan.skipped.length,
        asOf: input.now.toISOString(),
      },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, runId: run.id, created: true };
  });
}

/**
 * Approves a draft: with four eyes on (the run's setting when made, or the cooperative's now), never by its creator.
 * Each amount must still be available (a refund since the run was made would otherwise overpay): else the run is
 * to be cancelled and made again.
 */
export async function approvePayoutRun(db: Db, input: Who & { runId: string; now: Date }): Promise<{ ok: true } | Refused<PayoutError>> {
  return allOrNothing(db, async (tx) => {
    const found = await getRun(tx, input.cooperativeId, input.runId, { lock: true });
    if (!found) return { ok: false as const, error: "not_found" as const };
    if (!canMoveRun(found.run.status, "approved")) return { ok: false as const, error: "wrong_state" as const };
    const rules = await getPayoutRules(tx, input.cooperativeId);
    const approver = checkApprover({ fourEyes: found.run.fourEyes || rules.payoutFourEyes, createdBy: found.run.createdBy, approverUserId: input.actorUserId });
    if (!approver.ok) return approver;
    const balances = new Map(
      (await memberBalances(tx, input.cooperativeId, { now: input.now, holdDays: found.run.holdDays })).map((balance) => [balance.memberId, balance.available]),
    );
    if (found.payouts.some((payout) => (balances.get(payout.memberId) ?? 0) < payout.amount)) return { ok: false as const, error: "balance_changed" as const };
    await moveAudited(tx, input, "draft", "approved", { createdBy: found.run.createdBy });
    return { ok: true as const };
  });
}

/** Cancels a draft run (nothing was paid from it): its businesses are gathered again by the next run. */
export async function cancelPayoutRun(db: Db, input: Who & { runId: string }): Promise<{ ok: true } | Refused<PayoutError>> {
  return allOrNothing(db, async (tx) => {
    const found = await getRun(tx, input.cooperativeId, input.runId, { lock: true });
    if (!found) return { ok: false as const, error: "not_found" as const };
    if (!canMoveRun(found.run.status, "cancelled")) return { ok: false as const, error: "wrong_state" as const };
    await moveAudited(tx, input, "draft", "cancelled");
    return { ok: true as const };
  });
}

/**
 * The bank file of an approved (or already exported) run; the first export moves the run to `exported`, after which
 * its payouts can be decided. Every export is audited (the file carries full account numbers).
 */
export async function exportPayoutRun(
  db: Db,
  input: Who & { runId: string; format: BankFileFormat; debitAccount: string; date: Date },
): Promise<{ ok: true; file: string; number: number } | Refused<PayoutError>> {
  return allOrNothing(db, async (tx) => {
    const found = await getRun(tx, input.cooperativeId, input.runId, { lock: true });
    if (!found) return { ok: false as const, error: "not_found" as const };
    if (!["approved", "exported", "finished"].includes(found.run.status)) return { ok: false as const, error: "wrong_state" as const };
    // Every export is recorded (the first one also moves the run on): the file holds full account numbers.
    await moveAudited(tx, input, found.run.status, found.run.status === "approved" ? "exported" : found.run.status, { format: input.format }, "payout.run_exported");
    return { ok: true as const, number: found.run.number, file: bankFile(input.format, { run: found.run, payouts: found.payouts, debitAccount: input.debitAccount, date: input.date }) };
  });
}

/** One payout decided in the caller's transaction (the run row already locked): posts, records, audits, e-mails. */
async function decideOne(tx: Db, input: Who & { shop: Shop; payout: Payout; outcome: "paid" | "failed"; reason: string }): Promise<boolean> {
  const { payout } = input;
  let entryId: string | null | undefined;
  if (input.outcome === "paid") {
    const posted = await postPayout(tx, {
      cooperativeId: input.cooperativeId,
      payoutId: payout.id,
      memberId: payout.memberId,
      amount: payout.amount,
      paidAt: new Date(),
      createdBy: input.actorUserId,
      memo: payout.reference,
    });
    entryId = posted.entryId;
  } else if (payout.status === "paid" && payout.entryId) {
    // The bank sent it back after it was marked paid: the posting is undone by its mirror, the money is owed again.
    await reverseEntry(tx, { cooperativeId: input.cooperativeId, entryId: payout.entryId, reason: `${payout.reference}: ${input.reason}`, createdBy: input.actorUserId, postedAt: new Date() });
  }
  const moved = await decidePayoutRow(tx, {
    cooperativeId: input.cooperativeId,
    payoutId: payout.id,
    from: payout.status,
    to: input.outcome,
    by: input.actorUserId,
    reason: input.reason,
    entryId,
  });
  if (!moved) throw new Error(`payout ${payout.id} moved while its run was locked`);
  await recordAudit(tx, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.actorUserId,
    action: input.outcome === "paid" ? "payout.paid" : "payout.failed",
    entityType: "payout",
    entityId: payout.id,
    before: { status: payout.status },
    after: { status: input.outcome, amount: payout.amount, memberId: payout.memberId, entryId: entryId ?? payout.entryId, ...(input.reason ? { reason: input.reason } : {}) },
    ipAddress: input.ipAddress,
  });
  const owner = await ownerOf(tx, input.cooperativeId, payout.memberId);
  if (owner) {
    await enqueueEmail(tx, {
      cooperativeId: input.cooperativeId,
      to: owner.email,
      locale: owner.locale === "en" ? "en" : "id",
      template: "payout_decided",
      data: {
        name: owner.name,
        businessName: payout.businessName,
        cooperativeName: input.shop.name,
        amount: formatRupiah(payout.amount),
        paid: input.outcome === "paid",
        account: maskAccountNumber(payout.accountNumber),
        reference: payout.reference,
        reason: input.reason,
        link: `${input.shop.origin}/member/keuangan`,
      },
    });
  }
  return true;
}

/** Moves a run (when `to` differs from `from`) and records it (`payout.run_<to>` unless named), in the caller's transaction. */
async function moveAudited(tx: Db, input: Who & { runId: string }, from: RunStatus, to: RunStatus, after: Record<string, unknown> = {}, action = `payout.run_${to}`) {
  if (from !== to) await moveRun(tx, input.cooperativeId, input.runId, [from], to, input.actorUserId);
  await recordAudit(tx, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.actorUserId,
    action,
    entityType: "payout_run",
    entityId: input.runId,
    before: { status: from },
    after: { status: to, ...after },
    ipAddress: input.ipAddress,
  });
}

async function finishIfDone(tx: Db, input: Who & { runId: string }) {
  const found = await getRun(tx, input.cooperativeId, input.runId);
  if (found && found.run.status === "exported" && runIsDone(found.payouts.map((payout) => payout.status))) {
    await moveAudited(tx, input, "exported", "finished");
  }
}

/**
 * Marks one payout paid or failed (a failure needs a reason). Deciding what is already so changes nothing and posts
 * nothing (a replayed form); paid after failed is refused (the money went back to the balance and the next run pays it).
 */
export async function decidePayout(
  db: Db,
  input: Who & { shop: Shop; runId: string; payoutId: string; outcome: "paid" | "failed"; reason?: string },
): Promise<{ ok: true; changed: boolean } | Refused<PayoutError>> {
  const reason = (input.reason ?? "").trim();
  if (input.outcome === "failed" && reason.length < 3) return { ok: false, error: "reason_required" };
  return allOrNothing(db, async (tx) => {
    const found = await getRun(tx, input.cooperativeId, input.runId, { lock: true });
    const payout = found?.payouts.find((candidate) => candidate.id === input.payoutId);
    if (!found || !payout) return { ok: false as const, error: "not_found" as const };
    if (payout.status === input.outcome) return { ok: true as const, changed: false };
    if (!canDecidePayout(found.run.status, payout.status, input.outcome)) return { ok: false as const, error: "wrong_state" as const };
    await decideOne(tx, { ...input, payout, reason });
    await finishIfDone(tx, input);
    return { ok: true as const, changed: true };
  });
}

/** Marks every payout still pending in an exported run paid, in one transaction: the bank confirmed the whole file. */
export async function markRunPaid(db: Db, input: Who & { shop: Shop; runId: string }): Promise<{ ok: true; paid: number } | Refused<PayoutError>> {
  return allOrNothing(db, async (tx) => {
    const found = await getRun(tx, input.cooperativeId, input.runId, { lock: true });
    if (!found) return { ok: false as const, error: "not_found" as const };
    if (found.run.status !== "exported") return { ok: false as const, error: "wrong_state" as const };
    const pending = found.payouts.filter((payout) => payout.status === "pending");
    for (const payout of pending) await decideOne(tx, { ...input, payout, outcome: "paid", reason: "" });
    await finishIfDone(tx, input);
    return { ok: true as const, paid: pending.length };
  });
}
