import type { AppLoadContext } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import type { MessageKey } from "~/lib/i18n/core";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import { thisMonth, type Period } from "~/modules/reports/periods";
import { readPeriod } from "~/modules/reports/read-period";
import { requireAbility, type SignedIn } from "./guards.server";

export interface ReportRequest extends SignedIn {
  zone: ReturnType<typeof timeZoneOfProvince>;
  period: Period;
  /** What was wrong with the address's period (the page then shows this month and says so, with a 400). */
  error: MessageKey | null;
}

/**
 * A report's request (decision 35): staff who may read reports, this cooperative's time zone, and the period the
 * address asks for. A wrong period is not an error page: the page shows this month with the message, answered 400;
 * a file download (`strict`) refuses it with a 400 instead.
 */
export async function reportRequest(request: Request, context: AppLoadContext, options: { strict?: boolean } = {}): Promise<ReportRequest> {
  const signedIn = await requireAbility(request, context, "reports.read");
  const zone = timeZoneOfProvince(signedIn.cooperative.province);
  const now = new Date();
  const read = readPeriod(new URL(request.url).searchParams, now, zone);
  if (read.ok) return { ...signedIn, zone, period: read.period, error: null };
  if (options.strict) throw httpError(400, read.error as MessageKey);
  return { ...signedIn, zone, period: { ...thisMonth(now, zone), grain: "day", channel: "all" }, error: read.error as MessageKey };
}

/** A page number from the address: 1 to 10 000, anything else is 1. */
export function pageParam(request: Request, name = "page"): number {
  return Math.max(1, Math.min(10_000, Math.trunc(Number(new URL(request.url).searchParams.get(name))) || 1));
}
