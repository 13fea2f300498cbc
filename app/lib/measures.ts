import type { Locale } from "./i18n/core";

const tag = (locale: Locale) => (locale === "en" ? "en-GB" : "id-ID");

/** A number as people write it: no trailing zeros, at most one decimal, the locale's decimal mark (18; 18,5; 18.5). */
function plain(locale: Locale, value: number): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: 1, useGrouping: true }).format(value);
}

/** A parcel's size from millimetres, in centimetres: "18 × 12 × 4 cm". Empty when any side is missing. */
export function formatDimensions(locale: Locale, lengthMm: number | null | undefined, widthMm: number | null | undefined, heightMm: number | null | undefined): string {
  const sides = [lengthMm, widthMm, heightMm];
  if (sides.some((side) => side === null || side === undefined || !Number.isFinite(Number(side)))) return "";
  return `${sides.map((side) => plain(locale, Number(side) / 10)).join(" × ")} cm`;
}

/** A weight from grams: "250 g" below a kilogram, "1,2 kg" from one. Empty when missing. */
export function formatWeight(locale: Locale, grams: number | null | undefined): string {
  if (grams === null || grams === undefined || !Number.isFinite(Number(grams))) return "";
  const value = Number(grams);
  return value >= 1000 ? `${plain(locale, value / 1000)} kg` : `${plain(locale, value)} g`;
}
