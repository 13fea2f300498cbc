import { z } from "zod";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import { DAY_MS, isDay, MAX_DAYS, thisMonth, type Period } from "./periods";

/** Reading a report's period from its address (zod, so the server's part: pages import only `periods`). */
const day = z.string().refine(isDay, "reports.error.day");

/** A report's query string: missing fields take the defaults; a wrong one is refused with a message key. */
export const periodQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    grain: z.enum(["day", "week", "month"], { message: "reports.error.grain" }).optional(),
    channel: z.enum(["all", "online", "outlet"], { message: "reports.error.channel" }).optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "reports.error.order", path: ["to"] })
  .refine((query) => !query.from || !query.to || (Date.parse(query.to) - Date.parse(query.from)) / DAY_MS < MAX_DAYS, {
    message: "reports.error.tooLong",
    path: ["to"],
  });

/**
 * The period a report's address asks for, defaults filled in (this month, by day, every channel), or the message
 * key of what is wrong with it.
 */
export function readPeriod(params: URLSearchParams, now: Date, zone: IndonesianTimeZone): { ok: true; period: Period } | { ok: false; error: string } {
  const raw = Object.fromEntries(["from", "to", "grain", "channel"].flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  const parsed = periodQuery.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "reports.error.day" };
  const fallback = thisMonth(now, zone);
  const from = parsed.data.from ?? (parsed.data.to && parsed.data.to < fallback.from ? `${parsed.data.to.slice(0, 7)}-01` : fallback.from);
  const to = parsed.data.to ?? (parsed.data.from && parsed.data.from > fallback.to ? parsed.data.from : fallback.to);
  if (from > to) return { ok: false, error: "reports.error.order" };
  return { ok: true, period: { from, to, grain: parsed.data.grain ?? "day", channel: parsed.data.channel ?? "all" } };
}
