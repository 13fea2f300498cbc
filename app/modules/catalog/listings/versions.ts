import type { Refused } from "~/lib/results";

/**
 * The life of a product version (DESIGN.md): draft → in_review → approved | changes_requested → in_review
 * | rejected; any version but an archived one may be archived. Editing a live product does not move its
 * approved version: it starts a new draft, and the approved one stays live until the new one is approved.
 */
export const versionStates = ["draft", "in_review", "changes_requested", "approved", "rejected", "archived"] as const;
export type VersionState = (typeof versionStates)[number];

export const versionActions = ["submit", "approve", "request_changes", "reject", "archive"] as const;
export type VersionAction = (typeof versionActions)[number];

const transitions: Record<VersionAction, Partial<Record<VersionState, VersionState>>> = {
  submit: { draft: "in_review", changes_requested: "in_review" },
  approve: { in_review: "approved" },
  request_changes: { in_review: "changes_requested" },
  reject: { in_review: "rejected" },
  archive: { draft: "archived", in_review: "archived", changes_requested: "archived", approved: "archived", rejected: "archived" },
};

export type TransitionResult = { ok: true; to: VersionState } | (Refused<"invalid_transition"> & { from: VersionState; action: VersionAction });

export function transition(from: VersionState, action: VersionAction): TransitionResult {
  const to = transitions[action][from];
  return to ? { ok: true, to } : { ok: false, error: "invalid_transition", from, action };
}

/** Whether a member may still change a version's content (the curator is not looking at it). */
export function isEditable(state: VersionState): boolean {
  return state === "draft" || state === "changes_requested";
}

/** Which actions each side may take: members submit and archive their own; curators decide. */
export const memberActions: readonly VersionAction[] = ["submit", "archive"];
export const curatorActions: readonly VersionAction[] = ["approve", "request_changes", "reject"];
