import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { memberBankAccounts, members, membershipApplications } from "~db/schema";
import { uuidPattern } from "~/lib/ids";
import { recordAudit } from "~/modules/audit/audit.server";
import { createInvitation } from "~/modules/identity/invitations.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
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
      data: { ownerName: fields.ownerName, businessName: fields.businessName, cooperativeName: cooperative.name },
    });
    return created!.id;
  });
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

export type DecisionResult =
  | { ok: true; memberId?: string; memberNumber?: string }
  | { ok: false; reason: "not_found" | "already_decided" };

interface DecisionInput {
  cooperative: { id: string; name: string };
  applicationId: string;
  actorUserId: string;
  ipAddress: string;
}

type Locked = { ok: true; application: Application } | { ok: false; reason: "not_found" | "already_decided" };

/** The application, locked for the decision, while it still awaits one. */
async function lockSubmitted(db: Db, cooperativeId: string, applicationId: string): Promise<Locked> {
  if (!uuidPattern.test(applicationId)) return { ok: false, reason: "not_found" };
  const [application] = await db
    .select()
    .from(membershipApplications)
    .where(and(eq(membershipApplications.cooperativeId, cooperativeId), eq(membershipApplications.id, applicationId)))
    .for("update");
  if (!application) return { ok: false, reason: "not_found" };
  if (application.status !== "submitted") return { ok: false, reason: "already_decided" };
  return { ok: true, application };
}

/**
 * Approves an application in one transaction: the member business with the next member number, the
 * owner's user (invited by e-mail to set a password), the bank account awaiting a treasurer, the
 * decision, the audit record and the e-mail.
 */
export async function approveApplication(db: Db, input: DecisionInput): Promise<DecisionResult> {
  return db.transaction(async (tx) => {
    const locked = await lockSubmitted(tx, input.cooperative.id, input.applicationId);
    if (!locked.ok) return locked;
    const { application } = locked;
    const memberNumber = await nextMemberNumber(tx, input.cooperative.id);
    const slug = await uniqueSlug(tx, input.cooperative.id, application.businessName);
    const [member] = await tx
      .insert(members)
      .values({
        cooperativeId: input.cooperative.id,
        memberNumber,
        slug,
        businessName: application.businessName,
        ownerName: application.ownerName,
        specialtyId: application.products.slice(0, 200),
        village: application.village,
        district: application.district,
        regency: application.regency,
        province: application.province,
        nib: application.nib,
        phone: application.phone,
        email: application.email,
      })
      .returning({ id: members.id });
    const invitation = await createInvitation(tx, {
      cooperativeId: input.cooperative.id,
      email: application.email,
      name: application.ownerName,
      phone: application.phone,
      locale: application.locale === "en" ? "en" : "id",
      grant: { kind: "member_owner", memberId: member!.id },
      invitedByUserId: input.actorUserId,
    });
    await tx.insert(memberBankAccounts).values({
      cooperativeId: input.cooperative.id,
      memberId: member!.id,
      bankCode: application.bankCode,
      accountNumber: application.bankAccountNumber,
      holderName: application.bankAccountHolder,
      status: "pending",
      submittedByUserId: invitation.userId,
    });
    await tx
      .update(membershipApplications)
      .set({ status: "approved", memberId: member!.id, decidedByUserId: input.actorUserId, decidedAt: new Date() })
      .where(eq(membershipApplications.id, application.id));
    await enqueueEmail(tx, {
      cooperativeId: input.cooperative.id,
      to: invitation.email,
      locale: application.locale === "en" ? "en" : "id",
      template: "invite",
      data: { name: application.ownerName, cooperativeName: input.cooperative.name, link: SECRET_LINK, memberNumber },
      secretLink: { purpose: "invite", userId: invitation.userId, invitationId: invitation.invitationId },
    });
    await recordAudit(tx, {
      cooperativeId: input.cooperative.id,
      actorUserId: input.actorUserId,
      action: "membership.application.approved",
      entityType: "membership_application",
      entityId: application.id,
      before: { status: application.status },
      after: { status: "approved", memberId: member!.id, memberNumber },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, memberId: member!.id, memberNumber };
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
      },
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
