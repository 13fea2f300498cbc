import type { Db } from "~db/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { createInvitation } from "~/modules/identity/invitations.server";
import { addApplicationBankAccount, admitApplicant, type DecisionInput, type DecisionResult } from "~/modules/membership/applications.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";

/**
 * A manager approves an application, in one transaction: the member business with the next member number,
 * an invitation for its owner (granted when accepted; an existing account is never touched), the payout
 * account awaiting a treasurer, the welcome e-mail and the audit record.
 */
export async function approveApplication(db: Db, input: DecisionInput): Promise<DecisionResult> {
  return db.transaction(async (tx) => {
    const admitted = await admitApplicant(tx, { cooperativeId: input.cooperative.id, applicationId: input.applicationId, actorUserId: input.actorUserId });
    if (!admitted.ok) return admitted;
    const { application, memberId, memberNumber } = admitted;
    const locale = application.locale === "en" ? "en" : "id";
    const invitation = await createInvitation(tx, {
      cooperativeId: input.cooperative.id,
      email: application.email,
      name: application.ownerName,
      phone: application.phone,
      locale,
      grant: { kind: "member_owner", memberId },
      invitedByUserId: input.actorUserId,
    });
    await addApplicationBankAccount(tx, { cooperativeId: input.cooperative.id, memberId, application, ownerUserId: invitation.userId });
    await enqueueEmail(tx, {
      cooperativeId: input.cooperative.id,
      to: invitation.email,
      locale,
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
      after: { status: "approved", memberId, memberNumber },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, memberId, memberNumber };
  });
}
