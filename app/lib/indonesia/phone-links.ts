import { normalizeIndonesianPhone } from "./phone";

/** `tel:+62812…` for a number `normalizeIndonesianPhone` accepts, else null (no link for what cannot be dialled). */
export function telHref(phone: string): string | null {
  const e164 = normalizeIndonesianPhone(phone);
  return e164 ? `tel:${e164}` : null;
}

/**
 * A WhatsApp chat link, `https://wa.me/62812…?text=…`: wa.me wants the number in international form with
 * digits only (08… becomes 628…). Landlines have no WhatsApp, so only mobile numbers get a link. Without a
 * number, a link that lets the sender pick the contact.
 */
export function whatsAppHref(phone: string | null, text?: string): string | null {
  const query = text ? `?text=${encodeURIComponent(text)}` : "";
  if (phone === null) return `https://wa.me/${query}`;
  const e164 = normalizeIndonesianPhone(phone);
  if (!e164 || !e164.startsWith("+628")) return null;
  return `https://wa.me/${e164.slice(1)}${query}`;
}
