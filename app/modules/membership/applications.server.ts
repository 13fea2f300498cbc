import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { applicationLinks, memberBankAccounts, members, membershipApplications } from "~db/schema";
import { uuidPattern } from "~/lib/ids";
import type { Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
import { hashToken, newToken } from "~/lib/tokens.server";
import { uniqueSlug } from "./slug";

export type Application = typeof membershipApplications.$inferSelect;
export type ApplicationFields = Omit<
  typeof membershipApplications.$inferInsert,
  "id" | "cooperativeId" | "status" | "decisionReason" | "decidedByUserId" | "decidedAt" | "memberId" | "createdAt"
>;


/** Records an application and tells the applicant it arrived, in one transaction. */
export async function submitApplication(db: Db, cooperative: { id: string; name: string }, fields: ApplicationFields): Promise<string> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(membershipApplications)
      .values({ ...fields, cooperativeId: cooperative.id })
      .returning({ id: membershipApplications.id });
    await enqueueEmail(tx, {
      cooperativeId: cooperative.id,
      to: fields.email,
      locale: fields.locale === "en" ? "en" : "id",
      template: "application_received",
      data: { ownerName: fields.ownerName, businessName: fields.businessName, cooperativeName: cooperative.name, link: SECRET_LINK },
      secretLink: { purpose: "application", applicationId: created!.id },
    });
    return created!.id;
  });
}

/** A new private link to the application's status page, for the applicant; only its hash is kept. */
export async function issueApplicationLink(db: Db, cooperativeId: string, applicationId: string): Promise<string> {
  const { token, hash } = newToken();
  await db.insert(applicationLinks).values({ tokenHash: hash, cooperativeId, applicationId });
  return token;
}

/** What the applicant may see of their application through a private link, at this cooperative's shop only. */
export async function applicationForLink(db: Db, cooperativeId: string, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [found] = await db
    .select({
      businessName: membershipApplications.businessName,
      ownerName: membershipApplications.ownerName,
      status: membershipApplications.status,
      decisionReason: membershipApplications.decisionReason,
      submittedAt: membershipApplications.createdAt,
      decidedAt: membershipApplications.decidedAt,
    })
    .from(applicationLinks)
    .innerJoin(
      membershipApplications,
      and(eq(membershipApplications.cooperativeId, applicationLinks.cooperativeId), eq(membershipApplications.id, applicationLinks.applicationId)),
    )
    .where(and(eq(applicationLinks.tokenHash, hashToken(token)), eq(applicationLinks.cooperativeId, cooperativeId)));
  return found;
}

export async function listApplications(db: Db, cooperativeId: string, status: Application["status"]) {
  return db
    .select()
    .from(membershipApplications)
    .where(and(eq(membershipApplications.cooperativeId, cooperativeId), eq(membershipApplications.status, status)))
    .orderBy(status === "submitted" ? asc(membershipApplications.createdAt) : desc(membershipApplications.decidedAt))
    .limit(200);
}

export async function getApplication(db: Db, cooperativeId: string, id: string): Promise<Application | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const [row] = await db
    .select()
    .from(membershipApplications)
    .where(and(eq(membershipApplications.cooperativeId, cooperativeId), eq(membershipApplications.id, id)));
  return row;
}

export type DecisionResult = { ok: true; memberId?: string; memberNumber?: string } | Refused<"not_found" | "already_decided">;

export interface DecisionInput {
  cooperative: { id: string; name: string };
  applicationId: string;
  actorUserId: string;
  ipAddress: string;
}

type Locked = { ok: true; application: Application } | Refused<"not_found" | "already_decided">;

/** The application, locked for the decision, while it still awaits one. */
async function lockSubmitted(db: Db, cooperativeId: string, applicationId: string): Promise<Locked> {
  if (!uuidPattern.test(applicationId)) return { ok: false, error: "not_found" };
  const [application] = await db
    .select()
    .from(membershipApplications)
    .where(and(eq(membershipApplications.cooperativeId, cooperativeId), eq(membershipApplications.id, applicationId)))
    .for("update");
  if (!application) return { ok: false, error: "not_found" };
  if (application.status !== "submitted") return { ok: false, error: "already_decided" };
  return { ok: true, application };
}

/**
 * Admits an applicant (pass the caller's transaction): the application, locked, becomes a member business with
 * the next member number and is marked approved. Who the owner is and how they are told is the caller's
 * (the approve-application flow).
 */
export async function admitApplicant(
  db: Db,
  input: { cooperativeId: string; applicationId: string; actorUserId: string },
): Promise<{ ok: true; application: Application; memberId: string; memberNumber: string } | Refused<"not_found" | "already_decided">> {
  const locked = await lockSubmitted(db, input.cooperativeId, input.applicationId);
  if (!locked.ok) return locked;
  const { application } = locked;
  const memberNumber = await nextMemberNumber(db, input.cooperativeId);
  const slug = await uniqueSlug(db, input.cooperativeId, application.businessName);
  const [member] = await db
    .insert(members)
    .values({
      cooperativeId: input.cooperativeId,
      memberNumber,
      slug,
      businessName: application.businessName,
      ownerName: application.ownerName,
      // The application text stays private: the public profile is the member's to write (decision 28).
      profileConfirmedAt: null,
      village: application.village,
      district: application.district,
      regency: application.regency,
      province: application.province,
      nib: application.nib,
      phone: application.phone,
      email: application.email,
    })
    .returning({ id: members.id });
  await db
    .update(membershipApplications)
    .set({ status: "approved", memberId: member!.id, decidedByUserId: input.actorUserId, decidedAt: new Date() })
    .where(eq(membershipApplications.id, application.id));
  return { ok: true, application, memberId: member!.id, memberNumber };
}

/**
 * The payout account from the application, waiting for a treasurer like any changed account; none when the
 * applicant gave none (it can be added later in member settings).
 */
export async function addApplicationBankAccount(db: Db, input: { cooperativeId: string; memberId: string; application: Application; ownerUserId: string }) {
  const { payoutKind, bankCode, bankAccountNumber, bankAccountHolder } = input.application;
  if (!payoutKind || !bankCode || !bankAccountNumber || !bankAccountHolder) return;
  await db.insert(memberBankAccounts).values({
    cooperativeId: input.cooperativeId,
    memberId: input.memberId,
    kind: payoutKind,
    bankCode,
    accountNumber: bankAccountNumber,
    holderName: bankAccountHolder,
    status: "pending",
    submittedByUserId: input.ownerUserId,
  });
}

export async function rejectApplication(db: Db, input: DecisionInput & { reason: string }): Promise<DecisionResult> {
  return db.transaction(async (tx) => {
    const locked = await lockSubmitted(tx, input.cooperative.id, input.applicationId);
    if (!locked.ok) return locked;
    const { application } = locked;
    await tx
      .update(membershipApplications)
      .set({ status: "rejected", decisionReason: input.reason, decidedByUserId: input.actorUserId, decidedAt: new Date() })
      .where(eq(membershipApplications.id, application.id));
    await enqueueEmail(tx, {
      cooperativeId: input.cooperative.id,
      to: application.email,
      locale: application.locale === "en" ? "en" : "id",
      template: "application_rejected",
      data: {
        ownerName: application.ownerName,
        businessName: application.businessName,
        cooperativeName: input.cooperative.name,
        reason: input.reason,
        link: SECRET_LINK,
      },
      secretLink: { purpose: "application", applicationId: application.id },
    });
    await recordAudit(tx, {
      cooperativeId: input.cooperative.id,
      actorUserId: input.actorUserId,
      action: "membership.application.rejected",
      entityType: "membership_application",
      entityId: application.id,
      before: { status: application.status },
      after: { status: "rejected", reason: input.reason },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const };
  });
}

/** `AGT-0013`: one more than the highest in the cooperative, serialised per cooperative. */
export async function nextMemberNumber(db: Db, cooperativeId: string): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`member-number:${cooperativeId}`}))`);
  const [row] = await db.execute<{ highest: number | null }>(sql`
    select max(substring(member_number from '[0-9]+$')::int) as highest
    from members where cooperative_id = ${cooperativeId}`);
  return `AGT-${String((row?.highest ?? 0) + 1).padStart(4, "0")}`;
}
