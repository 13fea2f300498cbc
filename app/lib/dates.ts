import type { Locale } from "./i18n/core";
import type { IndonesianTimeZone } from "./indonesia/time-zones";

const intlLocale = (locale: Locale) => (locale === "id" ? "id-ID" : "en-GB");

/**
 * A date and time for people, in the cooperative's zone with its label ("3 Des 2026, 11.10 WIB"). The zone is
 * always given (the root loader's `timeZone`, `useTimeZone()` in a component): never the process's or the
 * browser's own zone, so the server's HTML and the browser's render say the same (no hydration mismatch) and a
 * tourist's phone on another zone reads the cooperative's time.
 */
export function formatDateTime(locale: Locale, date: Date | string, zone: IndonesianTimeZone): string {
  const formatted = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeStyle: "short", timeZone: zone.iana }).format(new Date(date));
  return `${formatted} ${zone.label}`;
}

/** "Desember 2026": a month in the cooperative's zone (the first hours of a month are still the last month in UTC). */
export function formatMonthYear(locale: Locale, date: Date | string, zone: IndonesianTimeZone): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { month: "long", year: "numeric", timeZone: zone.iana }).format(new Date(date));
}

/** Indonesia keeps no daylight saving time: each zone is a fixed offset from UTC. */
const utcOffsets: Record<IndonesianTimeZone["label"], string> = { WIB: "+07:00", WITA: "+08:00", WIT: "+09:00" };

/** The moment a calendar day (`2026-12-02`, as a date field sends it) begins in the cooperative's zone. */
export function startOfDay(day: string, zone: IndonesianTimeZone): Date {
  return new Date(`${day}T00:00:00${utcOffsets[zone.label]}`);
}

/** "3 hari" / "5 jam" / "12 menit": how long something has waited, for queues. */
export function waitingTime(locale: Locale, since: Date | string, now = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(since).getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(locale === "id" ? "id" : "en", { numeric: "always", style: "long" });
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 60 ? [minutes, "minute"] : minutes < 48 * 60 ? [Math.round(minutes / 60), "hour"] : [Math.round(minutes / 1440), "day"];
  return format.format(-value, unit);
}
