import type { Locale } from "./i18n/core";
import type { IndonesianTimeZone } from "./indonesia/time-zones";

/**
 * A date and time for people. Given the cooperative's zone it is shown there, with its label ("3 Des 2026, 11.10 WIB");
 * without, in the server's zone (staff pages that have not been given one yet).
 */
export function formatDateTime(locale: Locale, date: Date | string, zone?: IndonesianTimeZone): string {
  const formatted = new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone?.iana }).format(new Date(date));
  return zone ? `${formatted} ${zone.label}` : formatted;
}

/** "3 hari" / "5 jam" / "12 menit": how long something has waited, for queues. */
export function waitingTime(locale: Locale, since: Date | string, now = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(since).getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(locale === "id" ? "id" : "en", { numeric: "always", style: "long" });
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 60 ? [minutes, "minute"] : minutes < 48 * 60 ? [Math.round(minutes / 60), "hour"] : [Math.round(minutes / 1440), "day"];
  return format.format(-value, unit);
}
