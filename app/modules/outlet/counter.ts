import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import type { Refused } from "~/lib/results";

/** How much to give back for cash: refused when the cash given does not cover the total. Whole rupiah only. */
export function changeFor(total: number, given: number): { ok: true; change: number } | Refused<"not_enough_cash"> {
  if (!Number.isSafeInteger(total) || !Number.isSafeInteger(given) || total < 0 || given < 0) throw new RangeError("changeFor: whole rupiah only");
  return given >= total ? { ok: true, change: given - total } : { ok: false, error: "not_enough_cash" };
}

/** The cooperative's calendar day of a moment (`2026-12-02`): a counter's day ends at midnight where the outlet is, not in UTC. */
export function businessDateOf(at: Date, zone: IndonesianTimeZone): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone.iana, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export interface ReceiptSummary {
  shopName: string;
  orderNumber: string;
  soldAt: string;
  lines: { name: string; quantity: number; lineTotal: string }[];
  total: string;
  paidWith: string;
}

/** The receipt as plain text: for WhatsApp and e-mail. It carries no link, so nothing secret leaves the counter. */
export function receiptText(receipt: ReceiptSummary): string {
  return [
    receipt.shopName,
    `${receipt.orderNumber} · ${receipt.soldAt}`,
    ...receipt.lines.map((line) => `${line.quantity} x ${line.name}: ${line.lineTotal}`),
    `Total: ${receipt.total}`,
    receipt.paidWith,
  ].join("\n");
}

/** `https://wa.me/62812…?text=…` (DOMAIN.md: digits only, no plus) for an E.164 Indonesian number. */
export function whatsAppLink(e164: string, text: string): string {
  return `https://wa.me/${e164.replace(/\D/g, "")}?text=${encodeURIComponent(text)}`;
}
