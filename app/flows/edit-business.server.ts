import type { Db } from "~db/client";
import type { ErrorTable, Refused } from "~/lib/results";
import { refreshSearchDocuments } from "~/modules/catalog/shop/search.server";
import { createInvitation, memberBusinessOf } from "~/modules/identity/invitations.server";
import { getMemberHeader, setMemberPlace, updateMemberProfile, type ProfileInput } from "~/modules/membership/members.server";
import { enqueueEmail, SECRET_LINK } from "~/modules/notifications/outbox.server";

/** The owner edits the business's public profile; the shop's search follows in the same transaction. */
export async function editBusinessProfile(db: Db, cooperativeId: string, memberId: string, input: ProfileInput) {
  await db.transaction(async (tx) => {
    await updateMemberProfile(tx, cooperativeId, memberId, input);
    await refreshSearchDocuments(tx, cooperativeId, { memberId });
  });
}

/** The business moves to another village; search (which finds producers by place) follows. */
export async function moveBusiness(
  db: Db,
  cooperativeId: string,
  memberId: string,
  place: { province: string; regency: string; district: string; village: string },
) {
  await db.transaction(async (tx) => {
    await setMemberPlace(tx, cooperativeId, memberId, place);
    await refreshSearchDocuments(tx, cooperativeId, { memberId });
  });
}

export const inviteHelperErrors = {
  already_helper: { status: 409, message: "member.error.alreadyHelper", field: "email" },
  already_in_other_business: { status: 409, message: "member.error.otherBusiness", field: "email" },
} satisfies ErrorTable;

export type InviteHelperResult = { ok: true } | Refused<keyof typeof inviteHelperErrors>;

/**
 * The owner invites someone to help run the business. Nothing is granted until that person accepts from the
 * e-mailed link (choosing a password if the address had no account, signing in if it had), so an owner cannot
 * attach someone else's account to their business. Asking again sends the same invitation again.
 */
export async function inviteHelper(
  db: Db,
  input: { cooperative: { id: string; name: string }; memberId: string; email: string; locale: "id" | "en"; invitedByUserId: string },
): Promise<InviteHelperResult> {
  return db.transaction(async (tx) => {
    const worksFor = await memberBusinessOf(tx, input.cooperative.id, input.email);
    if (worksFor) return { ok: false as const, error: worksFor === input.memberId ? ("already_helper" as const) : ("already_in_other_business" as const) };
    const invitation = await createInvitation(tx, {
      cooperativeId: input.cooperative.id,
      email: input.email,
      locale: input.locale,
      grant: { kind: "member_helper", memberId: input.memberId },
      invitedByUserId: input.invitedByUserId,
    });
    const business = await getMemberHeader(tx, input.cooperative.id, input.memberId);
    await enqueueEmail(tx, {
      cooperativeId: input.cooperative.id,
      to: invitation.email,
      locale: invitation.userLocale === "en" ? "en" : input.locale,
      template: "helper_invite",
      data: { businessName: business!.businessName, cooperativeName: input.cooperative.name, link: SECRET_LINK },
      secretLink: { purpose: "invite", userId: invitation.userId, invitationId: invitation.invitationId },
    });
    return { ok: true as const };
  });
}
