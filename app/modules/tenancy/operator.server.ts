import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperativeHosts, cooperatives } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { normalizeEmail } from "~/modules/identity/accounts.server";
import { createInvitation } from "~/modules/identity/invitations.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";

export async function listCooperatives(db: Db) {
  return db
    .select({
      id: cooperatives.id,
      slug: cooperatives.slug,
      name: cooperatives.name,
      regency: cooperatives.regency,
      createdAt: cooperatives.createdAt,
      hosts: sql<string[]>`coalesce((select array_agg(h.host order by h.host) from cooperative_hosts h where h.cooperative_id = cooperatives.id), '{}')`,
      members: sql<number>`(select count(*) from members m where m.cooperative_id = cooperatives.id)`.mapWith(Number),
    })
    .from(cooperatives)
    .orderBy(asc(cooperatives.createdAt));
}

export type CreateCooperativeResult =
  | {
      ok: true;
      cooperativeId: string;
    }
  | { ok: false; reason: "slug_taken" | "host_taken" };

/**
 * A platform operator opens a shop for a cooperative: the cooperative, its host (its own address), and an
 * invitation for its first manager, e-mailed with a link on the new cooperative's host. The operator never
 * sees the link. One transaction, audited.
 */
export async function createCooperative(
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
): Promise<CreateCooperativeResult> {
  return db.transaction(async (tx) => {
    const host = input.host.toLowerCase();
    if ((await tx.select().from(cooperatives).where(eq(cooperatives.slug, input.slug))).length > 0) {
      return { ok: false as const, reason: "slug_taken" as const };
    }
    if ((await tx.select().from(cooperativeHosts).where(eq(cooperativeHosts.host, host))).length > 0) {
      return { ok: false as const, reason: "host_taken" as const };
    }
    const [cooperative] = await tx
      .insert(cooperatives)
      .values({ slug: input.slug, name: input.name, legalName: input.legalName, regency: input.regency, province: input.province })
      .returning({ id: cooperatives.id });
    const cooperativeId = cooperative!.id;
    await tx.insert(cooperativeHosts).values({ host, cooperativeId, isPrimary: true });
    const email = normalizeEmail(input.managerEmail);
    const invitation = await createInvitation(tx, {
      cooperativeId,
      email,
      name: input.managerName,
      locale: input.locale,
      grant: { kind: "staff", role: "manager" },
      invitedByUserId: input.operatorUserId,
    });
    await enqueueEmail(tx, {
      cooperativeId,
      to: email,
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
      after: { slug: input.slug, name: input.name, host, manager: email },
      ipAddress: input.ipAddress,
    });
    return { ok: true as const, cooperativeId };
  });
}
