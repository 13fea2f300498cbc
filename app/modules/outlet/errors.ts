import type { ErrorTable } from "~/lib/results";

/** How the counter answers a sale or a close it refuses (decision 33). */
export const outletErrors = {
  empty_sale: { status: 422, message: "outlet.error.empty" },
  bad_line: { status: 422, message: "outlet.error.badLine" },
  sold_out: { status: 409, message: "outlet.error.soldOut" },
  not_enough_cash: { status: 422, message: "outlet.error.notEnoughCash", field: "cashGiven" },
  qris_unavailable: { status: 409, message: "outlet.error.qrisUnavailable" },
  provider_failed: { status: 409, message: "outlet.error.providerFailed" },
  already_closed: { status: 409, message: "outlet.error.alreadyClosed" },
  not_found: { status: 404, message: "outlet.error.notFound" },
} satisfies ErrorTable;

export type OutletError = keyof typeof outletErrors;
