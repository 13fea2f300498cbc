import type { Locale } from "./i18n/core";

export function formatDateTime(locale: Locale, date: Date | string): string {
  return new Intl.DateTimeFormat(locale === "id" ? "id-ID" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(new Date(date));
}

/** "3 hari" / "5 jam" / "12 menit": how long something has waited, for queues. */
export function waitingTime(locale: Locale, since: Date | string, now = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(since).getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(locale === "id" ? "id" : "en", { numeric: "always", style: "long" });
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    minutes < 60 ? [minutes, "minute"] : minutes < 48 * 60 ? [Math.round(minutes / 60), "hour"] : [Math.round(minutes / 1440), "day"];
  return format.format(-value, unit);
}
