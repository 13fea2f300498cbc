/**
 * Indonesian phone numbers, stored as E.164 (`+62…`).
 *
 * Accepted as typed: `0812…`, `62812…`, `+62 812…`, `+62-812…`, `0062 812…`, `+62 (0)812…`, a bare
 * `812…` (the form shows no prefix, and a mobile number cannot start with 8 otherwise), landlines such as
 * `(0335) 771234` or `021-1234-5678`; separators may be spaces, dashes, dots and parentheses.
 *
 * After the country code (the national significant number, NSN):
 * - mobile: `8` then `1`–`9` (0800 toll-free and 0809 premium lines are not personal numbers), 8–12 digits;
 * - landline: area code starting 2–7 or 9 (2–3 digits) plus the subscriber number, 7–11 digits.
 * Anything else (letters, another country code, service numbers starting 1, too short or long) is refused.
 */

const allowed = /^\+?[0-9\s\-.()\u2010-\u2015\u2212]+$/;
const mobile = /^8[1-9][0-9]{6,10}$/;
const landline = /^[2-79][0-9]{6,10}$/;
/** The big cities dial a two-digit area code (021 Jakarta, 022 Bandung, 024 Semarang, 031 Surabaya, 061 Medan); the rest three. */
const twoDigitAreaCodes = new Set(["21", "22", "24", "31", "61"]);

/** `+62…` or null when the input is not an Indonesian mobile or landline number. */
export function normalizeIndonesianPhone(input: string): string | null {
  if (typeof input !== "string") return null;
  const typed = input.trim();
  if (typed === "" || typed.length > 40 || !allowed.test(typed)) return null;
  const digits = typed.replace(/[^0-9]/g, "");
  let national: string;
  if (typed.startsWith("+")) {
    if (!digits.startsWith("62")) return null;
    national = stripTrunkZero(digits.slice(2));
  } else if (digits.startsWith("0062")) {
    national = stripTrunkZero(digits.slice(4));
  } else if (digits.startsWith("62")) {
    national = stripTrunkZero(digits.slice(2));
  } else if (digits.startsWith("0")) {
    national = digits.slice(1);
  } else if (digits.startsWith("8")) {
    national = digits;
  } else {
    return null;
  }
  return mobile.test(national) || landline.test(national) ? `+62${national}` : null;
}

/** `+62 (0)812…` written without the parentheses: one trunk 0 after the country code. */
function stripTrunkZero(national: string): string {
  return national.startsWith("0") ? national.slice(1) : national;
}

/**
 * For display: `+62 812-3456-7890`, `+62 21-1234-5678`, `+62 335-771234`. Accepts anything
 * `normalizeIndonesianPhone` accepts; other input comes back trimmed, unchanged.
 */
export function formatIndonesianPhone(e164: string): string {
  const normalized = normalizeIndonesianPhone(e164);
  if (!normalized) return typeof e164 === "string" ? e164.trim() : "";
  const national = normalized.slice(3);
  if (national.startsWith("8")) {
    const rest = national.slice(3);
    return `+62 ${[national.slice(0, 3), ...groupRest(rest)].join("-")}`;
  }
  const areaLength = twoDigitAreaCodes.has(national.slice(0, 2)) ? 2 : 3;
  const subscriber = national.slice(areaLength);
  const groups = subscriber.length === 7 ? [subscriber.slice(0, 3), subscriber.slice(3)] : subscriber.length === 8 ? [subscriber.slice(0, 4), subscriber.slice(4)] : [subscriber];
  return `+62 ${[national.slice(0, areaLength), ...groups].join("-")}`;
}

/** The digits after a mobile prefix: 3456-7890, 3456-789, 345-678, 345-678-901. */
function groupRest(rest: string): string[] {
  if (rest.length <= 8) {
    const first = Math.ceil(rest.length / 2);
    return [rest.slice(0, first), rest.slice(first)].filter(Boolean);
  }
  return [rest.slice(0, 3), rest.slice(3, 6), rest.slice(6)];
}
