/**
 * Registration and certificate numbers on Indonesian food labels (DOMAIN.md): P-IRT for home industries
 * (15 digits, from OSS), BPOM RI MD (domestic) or ML (imported) followed by 12 digits, and the national
 * halal certificate number (ID + 17 digits, from BPJPH).
 */
export type RegistrationType = "pirt" | "bpom_md" | "bpom_ml" | "none";

const digitsOnly = (value: string) => value.replace(/[\s.\-/]/g, "");

/** The canonical form of a registration number, or null when it is not well-formed for its type. */
export function normalizeRegistrationNumber(type: RegistrationType, input: string): string | null {
  const value = input.trim().toUpperCase();
  if (type === "none") return value === "" ? "" : null;
  if (type === "pirt") {
    const digits = digitsOnly(value.replace(/^P-?IRT\s*(NO\.?)?\s*/, ""));
    return /^\d{15}$/.test(digits) ? digits : null;
  }
  const prefix = type === "bpom_md" ? "MD" : "ML";
  const match = new RegExp(`^(?:BPOM\\s*(?:RI)?\\s*)?${prefix}\\s*([\\d\\s.\\-]+)$`).exec(value);
  const digits = match ? digitsOnly(match[1]!) : "";
  return /^\d{12}$/.test(digits) ? `${prefix} ${digits}` : null;
}

/** `ID` followed by 17 digits (spaces and dashes in what was typed are dropped), or null. */
export function normalizeHalalCertificate(input: string): string | null {
  const value = input.trim().toUpperCase().replace(/[\s-]/g, "");
  return /^ID\d{17}$/.test(value) ? value : null;
}
