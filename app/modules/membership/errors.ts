import type { ErrorTable } from "~/lib/results";

export const membershipErrors = {
  not_found: { status: 404, message: "error.notFound.body" },
  already_decided: { status: 409, message: "apply.queue.error.decided" },
  not_pending: { status: 404, message: "bank.error.gone" },
} satisfies ErrorTable;

export type MembershipError = keyof typeof membershipErrors;
