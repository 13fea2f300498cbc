/**
 * Who may do what: the one table every guard reads. Pure, so unit tests, guards and the route walk in the
 * end-to-end tests share it.
 */
export const staffRoles = ["manager", "curator", "fulfilment", "treasurer"] as const;
export type StaffRole = (typeof staffRoles)[number];

export type Actor =
  | { kind: "guest" }
  | {
      kind: "user";
      userId: string;
      email: string;
      name: string;
      isOperator: boolean;
      /** Roles in the cooperative of this request. */
      staffRoles: StaffRole[];
      /** The member business this person works for in this cooperative, if any. */
      member: { memberId: string; role: "owner" | "helper" } | null;
    };

export const abilities = {
  /** Review membership applications, manage members. */
  "membership.review": ["manager"],
  /** Read the e-mail outbox. */
  "outbox.read": ["manager"],
  /** Change the cooperative's settings: shop profile, fees, hold days, review limits, transfer account. */
  "settings.manage": ["manager"],
  /** Browse the inbound event inbox: provider notifications, whether and how each was applied. */
  "events.read": ["treasurer"],
  /** Browse the audit log. */
  "audit.read": ["manager"],
  /** See full bank account numbers and confirm changed accounts (payouts). */
  "bank.confirm": ["treasurer"],
  /** See the member list (masked bank details). */
  "members.read": ["manager", "treasurer", "curator", "fulfilment"],
  /** Review listings: the packaging and label checklist, approve or send back. */
  "listing.review": ["curator"],
  /** See orders, their lines, delivery and payment status. */
  "orders.read": ["manager", "treasurer", "fulfilment"],
  /** Record hand-over, packing, shipping, delivery and pickup; print slips and labels. */
  "orders.fulfil": ["fulfilment"],
  /** Cancel orders and refund them (a bank-transfer refund is then confirmed by a treasurer). */
  "orders.refund": ["treasurer"],
  /** Cancel an order before it ships; a paid one also needs `orders.refund`, its money goes back (decision 38). */
  "orders.cancel": ["fulfilment", "treasurer"],
  /** Put a refunded line's goods that came back sound on sale again, once (decision 38). */
  "orders.restock": ["fulfilment", "treasurer"],
  /** Confirm or reject manual transfers (their proofs show a shopper's bank details), see payment alerts. */
  "payments.confirm": ["treasurer"],
  /** Keep the catalog: categories, featured products, take-downs, the shop's own pages (decision 30). */
  "catalog.manage": ["manager"],
  /** Sell at the outlet counter, send receipts, close one's own day (decision 33). */
  "outlet.sell": ["fulfilment"],
  /** See every staff member's past day closes at the counter. */
  "outlet.closes.read": ["treasurer"],
  /** See the ledger: the trial balance and the journal. */
  "ledger.read": ["treasurer"],
  /** Read the cooperative's sales reports and the payment reconciliation, and download their CSVs (decision 35). */
  "reports.read": ["treasurer"],
  /** Post a manual adjustment to the ledger, with a reason (audited). */
  "ledger.adjust": ["manager"],
  /** See the SHU years and their reports (decision 36). */
  "shu.read": ["treasurer"],
  /** Enter a year's surplus, allocation and savings; finalise and unlock it (audited). */
  "shu.manage": ["manager"],
  /** Make settlement runs, export their bank files, mark payouts paid or failed (decision 34). */
  "payouts.run": ["treasurer"],
  /** See settlement runs and approve one another staff member made (four eyes; managers too). */
  "payouts.approve": ["treasurer"],
  /** Open the staff area at all. */
  "staff.area": ["manager", "curator", "fulfilment", "treasurer"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Ability = keyof typeof abilities;

/**
 * Abilities a manager does not get by being manager: separation of duties for money. Whoever can change
 * where payouts go must hold the treasurer role themselves (a manager may also be a treasurer).
 */
const treasurerOnly: readonly Ability[] = ["bank.confirm", "payments.confirm", "payouts.run"];

/** A manager may do everything in their cooperative but what is treasurer-only; other roles what the table grants. */
export function can(actor: Actor, ability: Ability): boolean {
  if (actor.kind !== "user") return false;
  if (actor.staffRoles.includes("manager") && !treasurerOnly.includes(ability)) return true;
  return actor.staffRoles.some((role) => (abilities[ability] as readonly StaffRole[]).includes(role));
}

export function isMemberUser(actor: Actor): actor is Extract<Actor, { kind: "user" }> & { member: NonNullable<Extract<Actor, { kind: "user" }>["member"]> } {
  return actor.kind === "user" && actor.member !== null;
}

export function isOwner(actor: Actor): boolean {
  return isMemberUser(actor) && actor.member.role === "owner";
}
