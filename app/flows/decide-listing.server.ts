import type { Db } from "~db/client";
import { isLocale } from "~/lib/i18n/core";
import { translatorFor } from "~/lib/i18n/locale.server";
import { itemsToFix, type CuratorDecisionRefusal } from "~/modules/catalog/listings/checklist";
import { recordCuratorDecision, type CuratorDecisionInput, type WorkflowResult } from "~/modules/catalog/listings/listings.server";
import { activeMemberPeople } from "~/modules/identity/invitations.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { cooperativeName, publicOrigin } from "~/modules/tenancy/cooperative.server";

/**
 * A curator approves, asks for changes or rejects a listing, in one transaction: the decision (publishing and
 * reindexing on approval), the audit record, and an e-mail to everyone working for the business, each in
 * their own language, greeted by name, with the items to fix and a link to that product on the shop's own address.
 */
export async function decideListing(db: Db, input: CuratorDecisionInput): Promise<WorkflowResult | CuratorDecisionRefusal> {
  return db.transaction(async (tx) => {
    const decided = await recordCuratorDecision(tx, input);
    if (!decided.ok) return decided;
    const [people, shopName, origin] = await Promise.all([
      activeMemberPeople(tx, input.cooperativeId, decided.memberId),
      cooperativeName(tx, input.cooperativeId),
      publicOrigin(tx, input.cooperativeId),
    ]);
    for (const person of people) {
      const locale = isLocale(person.locale) ? person.locale : "id";
      const t = translatorFor(locale);
      const notes = itemsToFix(input.checklist).map(({ item, comment }) => `${t(`review.check.${item}` as "review.check.photos")}${comment ? `: ${comment}` : ""}`);
      await enqueueEmail(tx, {
        cooperativeId: input.cooperativeId,
        to: person.email,
        locale,
        template: "listing_decided",
        data: {
          name: person.name,
          productName: locale === "en" && decided.version.nameEn ? decided.version.nameEn : decided.version.nameId,
          cooperativeName: shopName,
          decision: decided.decision,
          comment: input.comment,
          notes,
          // The product itself: its editor while there is something to fix, else its place in the member's list.
          link:
            decided.decision === "approved"
              ? `${origin}/member/products#product-${decided.version.productId}`
              : `${origin}/member/products/${decided.version.productId}`,
        },
      });
    }
    return { ok: true as const };
  });
}
