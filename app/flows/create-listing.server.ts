import type { Db } from "~db/client";
import { allOrNothing } from "~/lib/results";
import { createProduct, submitVersion, type Draft } from "~/modules/catalog/listings/listings.server";
import { adjustStock } from "~/modules/inventory/stock.server";

/**
 * A member lists a new product, in one transaction: the product as a first draft, each variant's starting stock
 * received as a recorded movement (`initialStock`, in the draft's order), and with `submit` the draft sent to
 * review. A refusal at any step leaves nothing behind.
 */
export async function createListing(
  db: Db,
  input: { cooperativeId: string; memberId: string; actorUserId: string; slug: string; draft: Draft; initialStock: number[]; submit: boolean },
) {
  return allOrNothing(db, async (tx) => {
    const created = await createProduct(tx, { cooperativeId: input.cooperativeId, memberId: input.memberId, slug: input.slug, draft: input.draft });
    if (!created.ok) return created;
    const { productId, versionId } = created;
    for (const [index, variantId] of created.variantIds.entries()) {
      const quantity = input.initialStock[index] ?? 0;
      if (quantity <= 0) continue;
      const received = await adjustStock(tx, {
        cooperativeId: input.cooperativeId,
        variantId,
        delta: quantity,
        reason: "received",
        note: "Stok awal",
        actorUserId: input.actorUserId,
        memberId: input.memberId,
      });
      if (!received.ok) return received;
    }
    if (!input.submit) return { ok: true as const, productId, versionId, state: "draft" as const };
    const submitted = await submitVersion(tx, { cooperativeId: input.cooperativeId, memberId: input.memberId, versionId, actorUserId: input.actorUserId });
    if (!submitted.ok) return submitted;
    return { ok: true as const, productId, versionId, state: submitted.state };
  });
}
