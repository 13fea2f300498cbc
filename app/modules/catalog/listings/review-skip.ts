/**
 * Whether an edit of a live product may go live without review: only when the sole change is to prices,
 * each within the cooperative's limit of the live price of the same variant (e.g. ±10%). Anything else
 * (text, label facts, photos, category, variants added or removed) goes to the curator. Stock is not part
 * of a version, so stock changes never need review.
 */
export interface ReviewableVersion {
  /** Every reviewable field but variants, serialised comparably (names, label facts, image ids in order…). */
  content: Record<string, unknown>;
  variants: { variantId: string; nameId: string; nameEn: string; price: number }[];
}

export function canSkipReview(live: ReviewableVersion, draft: ReviewableVersion, limitPercent: number): boolean {
  if (JSON.stringify(sortKeys(live.content)) !== JSON.stringify(sortKeys(draft.content))) return false;
  if (live.variants.length !== draft.variants.length) return false;
  const liveById = new Map(live.variants.map((variant) => [variant.variantId, variant]));
  return draft.variants.every((variant) => {
    const before = liveById.get(variant.variantId);
    if (!before || before.nameId !== variant.nameId || before.nameEn !== variant.nameEn) return false;
    // Integer arithmetic: |new - old| * 100 <= old * limit.
    return Math.abs(variant.price - before.price) * 100 <= before.price * limitPercent;
  });
}

function sortKeys(record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
