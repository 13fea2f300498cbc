/** A curator's verdict on each item of the packaging and label checklist, with a comment for the member. */
export type Checklist = Record<string, { pass: boolean; comment: string }>;

/** The items marked as needing a change, in checklist order: what the member is asked to fix. */
export function itemsToFix(checklist: Checklist | null | undefined): { item: string; comment: string }[] {
  return Object.entries(checklist ?? {})
    .filter(([, check]) => !check.pass)
    .map(([item, check]) => ({ item, comment: check.comment }));
}
