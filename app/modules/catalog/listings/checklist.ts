/** A curator's verdict on each item of the packaging and label checklist, with a comment for the member. */
export type Checklist = Record<string, { pass: boolean; comment: string }>;

/** The items marked as needing a change, in checklist order: what the member is asked to fix. */
export function itemsToFix(checklist: Checklist | null | undefined): { item: string; comment: string }[] {
  return Object.entries(checklist ?? {})
    .filter(([, check]) => !check.pass)
    .map(([item, check]) => ({ item, comment: check.comment }));
}

export type CuratorDecision = "approve" | "request_changes" | "reject";

/**
 * The rule a curator's decision follows: approving leaves nothing to fix; asking for changes or rejecting names
 * what (an item marked) or says why (a comment), so the member is never sent back without a reason.
 */
export function checkCuratorDecision(
  decision: CuratorDecision,
  checklist: Checklist,
  comment: string,
): { ok: true } | { ok: false; error: "approve_with_changes" | "reason_missing" } {
  const toFix = itemsToFix(checklist).length;
  if (decision === "approve" && toFix > 0) return { ok: false, error: "approve_with_changes" };
  if (decision !== "approve" && toFix === 0 && comment.trim() === "") return { ok: false, error: "reason_missing" };
  return { ok: true };
}
