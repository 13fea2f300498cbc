import { describe, expect, it } from "vitest";
import { abilities, can, staffRoles, type Ability, type Actor, type StaffRole } from "~/modules/identity/access";

const user = (roles: StaffRole[], extra: Partial<Extract<Actor, { kind: "user" }>> = {}): Actor => ({
  kind: "user",
  userId: "u",
  email: "x@example.test",
  name: "",
  isOperator: false,
  staffRoles: roles,
  member: null,
  ...extra,
});

describe("the role table", () => {
  it("grants each role exactly its abilities", () => {
    const expected: Record<StaffRole, Ability[]> = {
      manager: ["membership.review", "outbox.read", "events.read", "audit.read", "settings.manage", "catalog.manage", "members.read", "listing.review", "orders.read", "orders.fulfil", "orders.refund", "orders.cancel", "orders.restock", "outlet.sell", "outlet.closes.read", "ledger.read", "ledger.adjust", "reports.read", "shu.read", "shu.manage", "payouts.approve", "staff.area"],
      curator: ["members.read", "listing.review", "staff.area"],
      fulfilment: ["members.read", "orders.read", "orders.fulfil", "orders.cancel", "orders.restock", "outlet.sell", "staff.area"],
      treasurer: ["bank.confirm", "events.read", "members.read", "orders.read", "orders.refund", "orders.cancel", "orders.restock", "outlet.closes.read", "ledger.read", "reports.read", "payments.confirm", "shu.read", "payouts.run", "payouts.approve", "staff.area"],
    };
    for (const role of staffRoles) {
      const granted = (Object.keys(abilities) as Ability[]).filter((ability) => can(user([role]), ability));
      expect(granted.sort(), role).toEqual(expected[role].sort());
    }
  });

  it("keeps payout accounts with treasurers: a manager must also hold the treasurer role", () => {
    expect(can(user(["manager"]), "bank.confirm")).toBe(false);
    expect(can(user(["manager", "treasurer"]), "bank.confirm")).toBe(true);
    expect(can(user(["manager"]), "payments.confirm")).toBe(false);
    // Sending members' money is the treasurer's; a manager approves another's run (four eyes).
    expect(can(user(["manager"]), "payouts.run")).toBe(false);
    expect(can(user(["manager"]), "payouts.approve")).toBe(true);
  });

  it("gives guests, shoppers, members and operators no staff ability", () => {
    const outsiders: Actor[] = [
      { kind: "guest" },
      user([]),
      user([], { member: { memberId: "m", role: "owner" } }),
      user([], { isOperator: true }),
    ];
    for (const actor of outsiders) {
      for (const ability of Object.keys(abilities) as Ability[]) expect(can(actor, ability), `${actor.kind} ${ability}`).toBe(false);
    }
  });
});
