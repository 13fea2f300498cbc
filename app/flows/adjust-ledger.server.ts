import { randomUUID } from "node:crypto";
import type { Db } from "~db/client";
import { allOrNothing, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { accountKey, memberOfCooperative } from "~/modules/ledger/accounts.server";
import type { AdjustmentInput, LedgerError } from "~/modules/ledger/adjustment-form";
import { postAdjustment } from "~/modules/ledger/post.server";

/**
 * A manager's manual adjustment (decision 32): a new balanced entry between two accounts of the cooperative, with
 * its reason, audited in the same transaction. A member payable must be a business of this cooperative.
 */
export async function adjustLedger(
  db: Db,
  input: AdjustmentInput & { cooperativeId: string; actorUserId: string; ipAddress?: string; now?: Date },
): Promise<{ ok: true; entryId: string } | Refused<LedgerError>> {
  return allOrNothing(db, async (tx) => {
    for (const side of [input.debit, input.credit]) {
      if (side.kind === "member_payable" && !(await memberOfCooperative(tx, input.cooperativeId, side.memberId))) {
        return { ok: false as const, error: "unknown_member" as const };
      }
    }
    const adjustmentId = randomUUID();
    const posted = await postAdjustment(tx, {
      cooperativeId: input.cooperativeId,
      adjustmentId,
      debit: input.debit,
      credit: input.credit,
      amount: input.amount,
      reason: input.reason,
      createdBy: input.actorUserId,
      postedAt: input.now ?? new Date(),
    });
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "ledger.adjusted",
      entityType: "journal_entry",
      entityId: posted.entryId,
      after: { debit: accountKey(input.debit), credit: accountKey(input.credit), amount: input.amount, reason: input.reason },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, entryId: posted.entryId };
  });
}
