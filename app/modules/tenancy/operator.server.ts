import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperativeHosts, cooperatives, staffRoles, users } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { issueToken, normalizeEmail } from "~/modules/identity/accounts.server";
import { emailIsDelivered, enqueueEmail } from "~/modules/notifications/outbox.server";

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
      /** The manager's invitation, when no SMTP server sends it: the operator passes it on. */
      keptInviteLink: string | null;
    }
  | { ok: false; reason: "slug_taken" | "host_taken" };

/**
 * A platform operator opens a shop for a cooperative: the cooperative, its host, and its first manager,
 * who gets an e-mailed link to set a password (on the new cooperative's host). One transaction, audited.
 * Without SMTP the e-mail stays in the new cooperative's outbox, which only its manager can read, so the
 * link is handed back for the operator to pass on.
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
    origin: string;
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
    await tx.insert(cooperativeHosts).values({ host, cooperativeId });
    const email = normalizeEmail(input.managerEmail);
    await tx.insert(users).values({ email, name: input.managerName, locale: input.locale }).onConflictDoNothing();
    const [manager] = await tx.select().from(users).where(eq(users.email, email));
    await tx.insert(staffRoles).values({ cooperativeId, userId: manager!.id, role: "manager" });
    const protocol = new URL(input.origin).protocol;
    const port = new URL(input.origin).port;
    const link = await issueToken(tx, {
      userId: manager!.id,
      cooperativeId,
      purpose: "invite",
      origin: `${protocol}//${host}${port ? `:${port}` : ""}`,
    });
    await enqueueEmail(tx, {
      cooperativeId,
      to: email,
      locale: input.locale,
      template: "invite",
      data: { name: input.managerName, cooperativeName: input.name, link, memberNumber: "" },
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
    return { ok: true as const, cooperativeId, keptInviteLink: emailIsDelivered() ? null : link };
  });
}
