import { describe, expect, it } from "vitest";
import { canDecidePayout, canMoveRun, checkApprover, payoutReference, planRun, runIsDone, type Payee } from "~/modules/payouts/rules";

const account = (id: string) => ({ id, kind: "bank" as const, providerCode: "jatim", accountNumber: "0123456789", holderName: "Ibu Siti" });
const payee = (memberId: string, businessName: string, withAccount = true): Payee => ({ memberId, businessName, memberNumber: `AGT-${memberId}`, account: withAccount ? account(`acc-${memberId}`) : null });

describe("who a settlement run pays", () => {
  const payees = [payee("a", "Dapur Bu Sulastri"), payee("b", "Batik Pesisir", false), payee("c", "Camilan Binor"), payee("d", "Dodol Pantai")];

  it("pays the whole available balance of businesses at or above the minimum with a confirmed account", () => {
    const plan = planRun(
      [
        { memberId: "a", available: 50_000 },
        { memberId: "c", available: 120_500 },
      ],
      payees,
      50_000,
    );
    expect(plan.payouts.map((payout) => [payout.memberId, payout.amount])).toEqual([
      ["c", 120_500],
      ["a", 50_000],
    ]);
    expect(plan.payouts[0]).toMatchObject({ kind: "bank", providerCode: "jatim", accountNumber: "0123456789", holderName: "Ibu Siti", businessName: "Camilan Binor" });
    expect(plan.skipped).toEqual([]);
  });

  it("lists businesses without a confirmed account or under the minimum as skipped, with the reason", () => {
    const plan = planRun(
      [
        { memberId: "a", available: 49_999 },
        { memberId: "b", available: 900_000 },
        { memberId: "c", available: 0 },
        { memberId: "d", available: -5_000 },
      ],
      payees,
      50_000,
    );
    expect(plan.payouts).toEqual([]);
    expect(plan.skipped.map((skip) => [skip.memberId, skip.reason, skip.available])).toEqual([
      ["b", "no_confirmed_account", 900_000],
      ["a", "below_minimum", 49_999],
    ]);
  });

  it("never pays a business of another cooperative (not among the payees) or nothing at a zero minimum", () => {
    const plan = planRun([{ memberId: "x", available: 1_000_000 }, { memberId: "a", available: 0 }], payees, 0);
    expect(plan.payouts).toEqual([]);
    expect(plan.skipped).toEqual([]);
  });
});

describe("four eyes", () => {
  it("refuses the creator when the setting is on, and lets anyone else approve", () => {
    expect(checkApprover({ fourEyes: true, createdBy: "t1", approverUserId: "t1" })).toEqual({ ok: false, error: "same_person" });
    expect(checkApprover({ fourEyes: true, createdBy: "t1", approverUserId: "m1" })).toEqual({ ok: true });
  });
  it("lets the creator approve when the cooperative turned it off", () => {
    expect(checkApprover({ fourEyes: false, createdBy: "t1", approverUserId: "t1" })).toEqual({ ok: true });
  });
});

describe("the run's state machine", () => {
  it("goes draft -> approved -> exported -> finished, and is cancelled only as a draft", () => {
    expect(canMoveRun("draft", "approved")).toBe(true);
    expect(canMoveRun("approved", "exported")).toBe(true);
    expect(canMoveRun("exported", "finished")).toBe(true);
    expect(canMoveRun("draft", "cancelled")).toBe(true);
    for (const from of ["approved", "exported", "finished", "cancelled"] as const) expect(canMoveRun(from, "cancelled"), from).toBe(false);
    expect(canMoveRun("draft", "exported")).toBe(false);
    expect(canMoveRun("cancelled", "approved")).toBe(false);
    expect(canMoveRun("finished", "approved")).toBe(false);
  });

  it("decides payouts only once the file is out: pending -> paid | failed, paid -> failed (returned), never failed -> paid", () => {
    expect(canDecidePayout("approved", "pending", "paid")).toBe(false);
    expect(canDecidePayout("draft", "pending", "failed")).toBe(false);
    expect(canDecidePayout("exported", "pending", "paid")).toBe(true);
    expect(canDecidePayout("exported", "pending", "failed")).toBe(true);
    expect(canDecidePayout("finished", "paid", "failed")).toBe(true);
    expect(canDecidePayout("exported", "failed", "paid")).toBe(false);
    expect(canDecidePayout("exported", "paid", "paid")).toBe(false);
  });

  it("is finished when no payout is pending", () => {
    expect(runIsDone(["paid", "failed"])).toBe(true);
    expect(runIsDone(["paid", "pending"])).toBe(false);
  });

  it("names each transfer with the run and member number, short enough for a bank's remark", () => {
    expect(payoutReference(3, "AGT-0007")).toBe("PO3-AGT-0007");
    expect(payoutReference(123456, "AGT-000000000001").length).toBeLessThanOrEqual(18);
  });
});
