/**
 * A curator's verdict on each item of the packaging and label checklist, with a comment for the member:
 * `pass` true (passed), false (needs a change) or null (not decided yet; every item starts so).
 */
export type Checklist = Record<string, { pass: boolean | null; comment: string }>;

/** The curator's packaging and label checklist (DOMAIN.md), per kind of product. */
export const checklistItems = {
  food: ["photos", "labelLegible", "netQuantity", "registration", "halal", "shelfLife", "packaging", "claims"],
  craft: ["photos", "material", "size", "packaging", "claims"],
} as const;
export type ChecklistItem = (typeof checklistItems)[keyof typeof checklistItems][number];

/** The items marked as needing a change, in checklist order: what the member is asked to fix. */
export function itemsToFix(checklist: Checklist | null | undefined): { item: string; comment: string }[] {
  return Object.entries(checklist ?? {})
    .filter(([, check]) => check.pass === false)
    .map(([item, check]) => ({ item, comment: check.comment }));
}

/** The items of `items` the curator has not decided (neither passed nor marked for a change), in checklist order. */
export function undecidedItems(checklist: Checklist, items: readonly string[]): string[] {
  return items.filter((item) => typeof checklist[item]?.pass !== "boolean");
}

export type CuratorDecision = "approve" | "request_changes" | "reject";

export type CuratorDecisionRefusal =
  | { ok: false; error: "approve_with_changes" | "reason_missing" }
  | { ok: false; error: "approve_undecided"; undecided: string[] };

/**
 * The rule a curator's decision follows: approving needs every item of the product's checklist passed
 * explicitly (nothing to fix, nothing undecided: approval is never one tap past unopened photos); asking for
 * changes or rejecting names what (an item marked) or says why (a comment), so the member is never sent back
 * without a reason. Sending back may leave items undecided: the curator stops at the first problem.
 */
export function checkCuratorDecision(
  decision: CuratorDecision,
  checklist: Checklist,
  comment: string,
  items: readonly string[],
): { ok: true } | CuratorDecisionRefusal {
  const toFix = itemsToFix(checklist).length;
  if (decision === "approve") {
    if (toFix > 0) return { ok: false, error: "approve_with_changes" };
    const undecided = undecidedItems(checklist, items);
    if (undecided.length > 0) return { ok: false, error: "approve_undecided", undecided };
    return { ok: true };
  }
  if (toFix === 0 && comment.trim() === "") return { ok: false, error: "reason_missing" };
  return { ok: true };
}
