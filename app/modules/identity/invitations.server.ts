import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperatives, invitations, members, memberUsers, staffRoles, users } from "~db/schema";
import { hashPassword } from "./password.server";
import { consumeOneTimeLink, findOneTimeLink } from "./one-time-links.server";
import { setPasswordAndSignIn } from "./accounts.server";
import type { Refused } from "~/lib/results";
import type { StaffRole } from "./access";

export type InvitationGrant =
  | { kind: "staff"; role: StaffRole }
  | { kind: "member_owner"; memberId: string }
  | { kind: "member_helper"; memberId: string };

/**
 * Invites a person by e-mail to a role in a cooperative. An address without an account gets one without a
 * password (set from the link); an existing account is untouched. Nothing is granted here: the person accepts
 * (see `acceptInvitation`). A pending invitation for the same grant is reused, so asking twice sends the
 * same invitation again.
 */
export async function createInvitation(
  db: Db,
  input: { cooperativeId: string; email: string; name?: string; phone?: string; locale: "id" | "en"; grant: InvitationGrant; invitedByUserId: string | null },
): Promise<{ invitationId: string; userId: string; email: string; userLocale: string; userName: string }> {
  const email = input.email.trim().toLowerCase();
  await db.insert(users).values({ email, name: input.name ?? "", phone: input.phone, locale: input.locale }).onConflictDoNothing();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const grant = input.grant;
  const sameGrant = and(
    eq(invitations.cooperativeId, input.cooperativeId),
    eq(invitations.userId, user!.id),
    eq(invitations.kind, grant.kind),
    isNull(invitations.acceptedAt),
    grant.kind === "staff" ? eq(invitations.staffRole, grant.role) : eq(invitations.memberId, grant.memberId),
  );
  const [pending] = await db.select({ id: invitations.id }).from(invitations).where(sameGrant).limit(1);
  const invitationId =
    pending?.id ??
    (
      await db
        .insert(invitations)
        .values({
          cooperativeId: input.cooperativeId,
          userId: user!.id,
          kind: grant.kind,
          staffRole: grant.kind === "staff" ? grant.role : null,
          memberId: grant.kind === "staff" ? null : grant.memberId,
          invitedByUserId: input.invitedByUserId,
        })
        .returning({ id: invitations.id })
    )[0]!.id;
  return { invitationId, userId: user!.id, email, userLocale: user!.locale, userName: user!.name };
}

export interface InvitationView {
  invitationId: string;
  email: string;
  name: string;
  /** The account has a password: the person signs in with it to accept; else they choose one here. */
  accountActive: boolean;
  userId: string;
  kind: InvitationGrant["kind"];
  staffRole: StaffRole | null;
  businessName: string | null;
  cooperativeName: string;
}

/** What an invitation link offers, while it is valid and was sent by this cooperative. */
export async function findInvitation(db: Db, cooperativeId: string, token: string): Promise<InvitationView | undefined> {
  const link = await findOneTimeLink(db, token, "invite", cooperativeId);
  if (!link?.invitationId) return undefined;
  const [row] = await db
    .select({ invitation: invitations, user: users, businessName: members.businessName, cooperativeName: cooperatives.name })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(cooperatives, eq(cooperatives.id, invitations.cooperativeId))
    .leftJoin(members, and(eq(members.cooperativeId, invitations.cooperativeId), eq(members.id, invitations.memberId)))
    .where(and(eq(invitations.id, link.invitationId), isNull(invitations.acceptedAt)))
    .limit(1);
  if (!row) return undefined;
  return {
    invitationId: row.invitation.id,
    email: row.user.email,
    name: row.user.name,
    accountActive: row.user.passwordHash !== null,
    userId: row.user.id,
    kind: row.invitation.kind,
    staffRole: row.invitation.staffRole,
    businessName: row.businessName,
    cooperativeName: row.cooperativeName,
  };
}

export type AcceptInvitationResult =
  | { ok: true; userId: string; sessionToken?: string }
  | Refused<"invalid_link" | AcceptRefusal>;

/**
 * Accepts an invitation once, in one transaction: the link is used, the grant given, the invitation closed.
 * An active account accepts only while signed in as itself (`signedInUserId`); an account that never had a
 * password accepts by choosing one (`newPassword`), which signs it in. A password is never set on an account
 * that has one.
 */
export async function acceptInvitation(
  db: Db,
  input: {
    cooperativeId: string;
    token: string;
    signedInUserId?: string;
    newPassword?: string;
    ipAddress: string;
    userAgent: string;
  },
): Promise<AcceptInvitationResult> {
  const passwordHash = input.newPassword ? await hashPassword(input.newPassword) : undefined;
  return db
    .transaction(async (tx) => {
      const link = await consumeOneTimeLink(tx, input.token, "invite", input.cooperativeId);
      if (!link?.invitationId || !link.userId) return { ok: false as const, error: "invalid_link" as const };
      const [invitation] = await tx
        .update(invitations)
        .set({ acceptedAt: new Date() })
        .where(and(eq(invitations.id, link.invitationId), isNull(invitations.acceptedAt)))
        .returning();
      if (!invitation) return { ok: false as const, error: "invalid_link" as const };
      const [user] = await tx.select().from(users).where(eq(users.id, invitation.userId)).for("update");
      let sessionToken: string | undefined;
      if (user!.passwordHash !== null) {
        if (passwordHash) throw new Refusal("has_password");
        if (input.signedInUserId !== user!.id) throw new Refusal("wrong_account");
      } else {
        if (!passwordHash) throw new Refusal("needs_password");
        sessionToken = (await setPasswordAndSignIn(tx, user!.id, passwordHash, input)).token;
      }
      if (invitation.kind === "staff") {
        await tx.insert(staffRoles).values({ cooperativeId: invitation.cooperativeId, userId: user!.id, role: invitation.staffRole! }).onConflictDoNothing();
      } else {
        const [other] = await tx
          .select({ memberId: memberUsers.memberId })
          .from(memberUsers)
          .where(and(eq(memberUsers.cooperativeId, invitation.cooperativeId), eq(memberUsers.userId, user!.id)));
        if (other && other.memberId !== invitation.memberId) throw new Refusal("already_in_other_business");
        if (!other) {
          await tx.insert(memberUsers).values({
            cooperativeId: invitation.cooperativeId,
            memberId: invitation.memberId!,
            userId: user!.id,
            role: invitation.kind === "member_owner" ? "owner" : "helper",
          });
        }
      }
      return { ok: true as const, userId: user!.id, sessionToken };
    })
    .catch((error: unknown) => {
      // A refusal rolls the whole acceptance back: the link stays usable for the right person.
      if (error instanceof Refusal) return { ok: false as const, error: error.code };
      throw error;
    });
}

type AcceptRefusal = "wrong_account" | "needs_password" | "has_password" | "already_in_other_business";

class Refusal extends Error {
  constructor(readonly code: AcceptRefusal) {
    super(code);
  }
}

/** The member business a person (by e-mail) works for in a cooperative, if any: one business per person. */
export async function memberBusinessOf(db: Db, cooperativeId: string, email: string): Promise<string | undefined> {
  const [row] = await db
    .select({ memberId: memberUsers.memberId })
    .from(memberUsers)
    .innerJoin(users, eq(users.id, memberUsers.userId))
    .where(and(eq(memberUsers.cooperativeId, cooperativeId), eq(users.email, email.trim().toLowerCase())));
  return row?.memberId;
}

/** The people who work for a member business and can sign in (to be told about its listings), with their language. */
export async function activeMemberPeople(db: Db, cooperativeId: string, memberId: string): Promise<{ email: string; name: string; locale: string }[]> {
  return db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(memberUsers)
    .innerJoin(users, eq(users.id, memberUsers.userId))
    .where(and(eq(memberUsers.cooperativeId, cooperativeId), eq(memberUsers.memberId, memberId), isNotNull(users.passwordHash)));
}
