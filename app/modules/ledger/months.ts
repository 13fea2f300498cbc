import type { Locale } from "~/lib/i18n/core";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";

/** Indonesia keeps no summer time: each zone is a fixed offset from UTC. */
const offsetHours: Record<IndonesianTimeZone["iana"], number> = {
  "Asia/Jakarta": 7,
  "Asia/Makassar": 8,
  "Asia/Jayapura": 9,
};

/** A calendar month, `2026-12`. */
export type Month = `${number}-${number}`;

export function isMonth(value: string): value is Month {
  return /^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(value);
}

/** The instants a month starts and ends (exclusive) in the cooperative's zone. */
export function monthBounds(
  month: Month,
  zone: IndonesianTimeZone
): { from: Date; to: Date } {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const shift = offsetHours[zone.iana] * 3600_000;
  return {
    from: new Date(Date.UTC(year, monthNumber - 1, 1) - shift),
    to: new Date(Date.UTC(year, monthNumber, 1) - shift),
  };
}

/** The month an instant falls in, in the zone. */
export function monthOf(instant: Date, zone: IndonesianTimeZone): Month {
  return new Date(instant.getTime() + offsetHours[zone.iana] * 3600_000)
    .toISOString()
    .slice(0, 7) as Month;
}

/** The `count` months up to and including the one `now` is in, oldest first. */
export function recentMonths(
  now: Date,
  zone: IndonesianTimeZone,
  count: number
): Month[] {
  const [year, month] = monthOf(now, zone).split("-").map(Number) as [
    number,
    number
  ];
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(Date.UTC(year, month - 1 - (count - 1 - index), 1));
    return date.toISOString().slice(0, 7) as Month;
  });
}

/** "Desember 2026" / "December 2026". */
export function monthName(month: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}
