import { and, count, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberBankAccounts, members, membershipApplications, outboxEmails } from "~db/schema";

/** The numbers on the staff home page: what is waiting for whom. */
export async function staffDashboard(db: Db, cooperativeId: string) {
  const [[applications], [bankAccounts], [memberCount], [keptEmails]] = await Promise.all([
    db.select({ n: count() }).from(membershipApplications).where(and(eq(membershipApplications.cooperativeId, cooperativeId), eq(membershipApplications.status, "submitted"))),
    db.select({ n: count() }).from(memberBankAccounts).where(and(eq(memberBankAccounts.cooperativeId, cooperativeId), eq(memberBankAccounts.status, "pending"))),
    db.select({ n: count() }).from(members).where(and(eq(members.cooperativeId, cooperativeId), eq(members.status, "active"))),
    db.select({ n: count() }).from(outboxEmails).where(and(eq(outboxEmails.cooperativeId, cooperativeId), eq(outboxEmails.status, "kept"))),
  ]);
  return {
    applications: applications?.n ?? 0,
    bankAccounts: bankAccounts?.n ?? 0,
    members: memberCount?.n ?? 0,
    keptEmails: keptEmails?.n ?? 0,
  };
}
