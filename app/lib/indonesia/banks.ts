/**
 * Banks a member can receive payouts (pencairan) in. `code` is our stable id (stored with the application
 * and the member's bank account); `clearingCode` is the three-digit bank code (sandi bank) that transfer
 * forms and bank bulk-transfer files ask for.
 *
 * `accountDigits` is how many digits an account number of that bank has, as a guard against typos, not a
 * proof the account exists (the treasurer confirms every new account). Where the length is well known it is
 * exact (BCA 10, BRI 15, BNI 10, Mandiri 13, BSI 10, ...); where banks issue several lengths or we are not
 * sure, it is a range, wide for the regional banks (BPD).
 */
export type IndonesianBank = {
  code: string;
  name: string;
  clearingCode: string;
  accountDigits: readonly [min: number, max: number];
};

export const indonesianBanks: readonly IndonesianBank[] = Object.freeze(
  (
    [
      { code: "bca", name: "BCA (Bank Central Asia)", clearingCode: "014", accountDigits: [10, 10] },
      { code: "bri", name: "BRI (Bank Rakyat Indonesia)", clearingCode: "002", accountDigits: [15, 15] },
      { code: "bni", name: "BNI (Bank Negara Indonesia)", clearingCode: "009", accountDigits: [10, 10] },
      { code: "mandiri", name: "Bank Mandiri", clearingCode: "008", accountDigits: [13, 13] },
      { code: "bsi", name: "BSI (Bank Syariah Indonesia)", clearingCode: "451", accountDigits: [10, 10] },
      { code: "btn", name: "BTN (Bank Tabungan Negara)", clearingCode: "200", accountDigits: [10, 16] },
      { code: "cimb", name: "CIMB Niaga", clearingCode: "022", accountDigits: [12, 14] },
      { code: "permata", name: "Bank Permata", clearingCode: "013", accountDigits: [10, 12] },
      { code: "danamon", name: "Bank Danamon", clearingCode: "011", accountDigits: [9, 12] },
      { code: "maybank", name: "Maybank Indonesia", clearingCode: "016", accountDigits: [10, 13] },
      { code: "ocbc", name: "Bank OCBC", clearingCode: "028", accountDigits: [10, 12] },
      { code: "panin", name: "Bank Panin", clearingCode: "019", accountDigits: [10, 12] },
      { code: "mega", name: "Bank Mega", clearingCode: "426", accountDigits: [12, 15] },
      { code: "muamalat", name: "Bank Muamalat", clearingCode: "147", accountDigits: [10, 10] },
      { code: "bca_syariah", name: "BCA Syariah", clearingCode: "536", accountDigits: [10, 10] },
      { code: "bjb", name: "Bank BJB", clearingCode: "110", accountDigits: [10, 14] },
      { code: "jatim", name: "Bank Jatim", clearingCode: "114", accountDigits: [10, 13] },
      { code: "jateng", name: "Bank Jateng", clearingCode: "113", accountDigits: [10, 15] },
      { code: "dki", name: "Bank DKI", clearingCode: "111", accountDigits: [10, 13] },
      { code: "bpd_diy", name: "BPD DIY", clearingCode: "112", accountDigits: [10, 15] },
      { code: "bpd_bali", name: "BPD Bali", clearingCode: "129", accountDigits: [10, 15] },
      { code: "sumut", name: "Bank Sumut", clearingCode: "117", accountDigits: [10, 15] },
      { code: "nagari", name: "Bank Nagari", clearingCode: "118", accountDigits: [10, 15] },
      { code: "kalbar", name: "Bank Kalbar", clearingCode: "123", accountDigits: [10, 15] },
      { code: "sulselbar", name: "Bank Sulselbar", clearingCode: "126", accountDigits: [10, 15] },
      { code: "ntb_syariah", name: "Bank NTB Syariah", clearingCode: "128", accountDigits: [10, 15] },
      { code: "ntt", name: "Bank NTT", clearingCode: "130", accountDigits: [10, 15] },
      { code: "seabank", name: "SeaBank", clearingCode: "535", accountDigits: [12, 12] },
      { code: "jago", name: "Bank Jago", clearingCode: "542", accountDigits: [10, 13] },
    ] satisfies IndonesianBank[]
  ).map((bank) => Object.freeze({ ...bank, accountDigits: Object.freeze(bank.accountDigits) })),
);

const byCode = new Map(indonesianBanks.map((bank) => [bank.code, bank]));

export function findBank(code: string): IndonesianBank | undefined {
  return typeof code === "string" ? byCode.get(code) : undefined;
}

/**
 * The account number as digits: spaces, dashes and dots people type between groups are dropped. Anything
 * else (letters, other symbols) gives "" so the number is refused rather than silently changed.
 */
export function normalizeAccountNumber(input: string): string {
  if (typeof input !== "string") return "";
  const compact = input.replace(/[\s\-.\u2010-\u2015]/g, "");
  return /^[0-9]+$/.test(compact) ? compact : "";
}

/** True when `digits` (already normalised) has a length that bank issues. */
export function isValidAccountNumber(code: string, digits: string): boolean {
  const bank = findBank(code);
  if (!bank || typeof digits !== "string" || !/^[0-9]+$/.test(digits)) return false;
  const [min, max] = bank.accountDigits;
  return digits.length >= min && digits.length <= max;
}

/** `••••••7890`: only the last four digits show; a number of four digits or fewer is hidden entirely. */
export function maskAccountNumber(digits: string): string {
  const clean = typeof digits === "string" ? digits.replace(/[^0-9]/g, "") : "";
  if (clean.length <= 4) return "•".repeat(clean.length);
  return "•".repeat(clean.length - 4) + clean.slice(-4);
}
