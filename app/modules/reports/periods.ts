import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";

/**
 * Report periods in the cooperative's calendar (decision 35): a range of whole days, cut at midnight in its time
 * zone (Indonesia keeps no summer time, so each zone is a fixed offset), grouped by day, ISO week or month.
 */
export type Grain = "day" | "week" | "month";
export type Channel = "all" | "online" | "outlet";
/** A calendar day, `2026-11-30`. */
export type Day = string;

const offsetHours: Record<IndonesianTimeZone["label"], number> = { WIB: 7, WITA: 8, WIT: 9 };
export const DAY_MS = 86_400_000;

/** At most this many days in one report: a little over two years, enough for a year against the last. */
export const MAX_DAYS = 800;

const dayPattern = /^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether a string is a real calendar day (`2026-02-30` is not). */
export function isDay(value: string): value is Day {
  if (!dayPattern.test(value)) return false;
  return new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;
}

/** The day an instant falls on in the zone. */
export function dayOf(instant: Date, zone: IndonesianTimeZone): Day {
  return new Date(instant.getTime() + offsetHours[zone.label] * 3_600_000).toISOString().slice(0, 10);
}

/** The instant a day starts in the zone. */
export function startOf(day: Day, zone: IndonesianTimeZone): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetHours[zone.label] * 3_600_000);
}

function addDays(day: Day, days: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instants a range of whole days covers: from the first day's midnight to the midnight after the last (exclusive). */
export function rangeBounds(range: { from: Day; to: Day }, zone: IndonesianTimeZone): { start: Date; end: Date } {
  return { start: startOf(range.from, zone), end: startOf(addDays(range.to, 1), zone) };
}

/** The bucket a day belongs to: the day itself, the Monday of its ISO week, or its month (`2026-11`). */
export function bucketOf(day: Day, grain: Grain): string {
  if (grain === "day") return day;
  if (grain === "month") return day.slice(0, 7);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** Every bucket of a range, oldest first, so a quiet day or month still shows (as zero) in charts and tables. */
export function bucketsOf(range: { from: Day; to: Day }, grain: Grain): string[] {
  const buckets: string[] = [];
  for (let day = range.from; day <= range.to; day = addDays(day, 1)) {
    const bucket = bucketOf(day, grain);
    if (buckets[buckets.length - 1] !== bucket) buckets.push(bucket);
  }
  return buckets;
}

/** This month so far, in the zone: the report's default period. */
export function thisMonth(now: Date, zone: IndonesianTimeZone): { from: Day; to: Day } {
  const today = dayOf(now, zone);
  return { from: `${today.slice(0, 7)}-01`, to: today };
}

/** Quick choices for the period picker: this month, last month, the last 7 and 30 days, this year. */
export function presets(now: Date, zone: IndonesianTimeZone): { key: "thisMonth" | "lastMonth" | "last7" | "last30" | "thisYear"; from: Day; to: Day; grain: Grain }[] {
  const today = dayOf(now, zone);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addDays(firstOfMonth, -1);
  return [
    { key: "thisMonth", from: firstOfMonth, to: today, grain: "day" },
    { key: "lastMonth", from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd, grain: "day" },
    { key: "last7", from: addDays(today, -6), to: today, grain: "day" },
    { key: "last30", from: addDays(today, -29), to: today, grain: "week" },
    { key: "thisYear", from: `${today.slice(0, 4)}-01-01`, to: today, grain: "month" },
  ];
}

export interface Period {
  from: Day;
  to: Day;
  grain: Grain;
  channel: Channel;
}

/** The query string of a period, for links (presets, pages, CSV). */
export function periodSearch(period: Period, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ from: period.from, to: period.to, grain: period.grain, channel: period.channel, ...extra }).toString();
}
