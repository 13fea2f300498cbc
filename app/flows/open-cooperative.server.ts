import type { Db } from "~db/client";
import { recordAudit } from "~/modules/audit/audit.server";
import { createInvitation } from "~/modules/identity/invitations.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";
import { insertCooperativeWithHost, type OpenShopResult } from "~/modules/tenancy/operator.server";

/**
 * A platform operator opens a shop for a cooperative, in one transaction: the cooperative with its host (its
 * own address), an invitation for its first manager e-mailed with a link on that host (the operator never sees
 * it), and the audit record.
 */
export async function openCooperative(
  db: Db,
  input: {
    slug: string;
    name: string;
    legalName: string;
    regency: string;
    province: string;
    host: string;
    managerEmail: string;
    managerName: string;
    operatorUserId: string;
    ipAddress: string;
    locale: "id" | "en";
  },
): Promise<OpenShopResult> {
  return db.transaction(async (tx) => {
    const opened = await insertCooperativeWithHost(tx, input);
    if (!opened.ok) return opened;
    const { cooperativeId } = opened;
    const invitation = await createInvitation(tx, {
      cooperativeId,
      email: input.managerEmail,
      name: input.managerName,
      locale: input.locale,
      grant: { kind: "staff", role: "manager" },
      invitedByUserId: input.operatorUserId,
    });
    await enqueueEmail(tx, {
      cooperativeId,
      to: invitation.email,
      locale: input.locale,
      template: "invite",
      data: { name: input.managerName, cooperativeName: input.name, link: SECRET_LINK, memberNumber: "" },
      secretLink: { purpose: "invite", userId: invitation.userId, invitationId: invitation.invitationId },
    });
    await recordAudit(tx, {
      cooperativeId,
      actorUserId: input.operatorUserId,
      action: "cooperative.created",
      entityType: "cooperative",
      entityId: cooperativeId,
      after: { slug: input.slug, name: input.name, host: input.host.toLowerCase(), manager: invitation.email },
      ipAddress: input.ipAddress,
    });
    return opened;
  });
}
