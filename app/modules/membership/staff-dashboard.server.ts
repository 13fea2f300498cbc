import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberBankAccounts, members, membershipApplications, orders, outboxEmails, paymentProofs, productVersions } from "~db/schema";

/** What the staff home counts; each is asked only when the person may act on it. */
export type DashboardCount = "applications" | "bankAccounts" | "members" | "keptEmails" | "toReview" | "paidOrders" | "transferProofs";

/**
 * The numbers on the staff home page: what is waiting for whom. A read model over the tables (counts only, no other
 * module's code), each scoped to the cooperative; only the counts asked for are queried, in parallel.
 */
export async function staffDashboard(db: Db, cooperativeId: string, wanted: readonly DashboardCount[]): Promise<Partial<Record<DashboardCount, number>>> {
  const queries: Record<DashboardCount, () => Promise<{ n: number }[]>> = {
    applications: () =>
      db.select({ n: count() }).from(membershipApplications).where(and(eq(membershipApplications.cooperativeId, cooperativeId), eq(membershipApplications.status, "submitted"))),
    bankAccounts: () =>
      db.select({ n: count() }).from(memberBankAccounts).where(and(eq(memberBankAccounts.cooperativeId, cooperativeId), eq(memberBankAccounts.status, "pending"))),
    members: () => db.select({ n: count() }).from(members).where(and(eq(members.cooperativeId, cooperativeId), eq(members.status, "active"))),
    keptEmails: () => db.select({ n: count() }).from(outboxEmails).where(and(eq(outboxEmails.cooperativeId, cooperativeId), eq(outboxEmails.status, "kept"))),
    toReview: () => db.select({ n: count() }).from(productVersions).where(and(eq(productVersions.cooperativeId, cooperativeId), eq(productVersions.state, "in_review"))),
    // Paid and being packed: the orders page's "open" view.
    paidOrders: () => db.select({ n: count() }).from(orders).where(and(eq(orders.cooperativeId, cooperativeId), inArray(orders.status, ["paid", "processing"]))),
    transferProofs: () => db.select({ n: count() }).from(paymentProofs).where(and(eq(paymentProofs.cooperativeId, cooperativeId), isNull(paymentProofs.decision))),
  };
  const counted = await Promise.all(wanted.map(async (key) => [key, (await queries[key]())[0]?.n ?? 0] as const));
  return Object.fromEntries(counted);
}
