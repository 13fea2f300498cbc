import { parse } from "csv-parse/sync";
import { parseRupiah } from "~/lib/money";
import { MAX_SAVINGS } from "./forms";

/** A problem on one row of a savings file: its line in the file, the message key and what to put in it. */
export interface CsvRowProblem {
  line: number;
  message: "shu.import.error.unknownMember" | "shu.import.error.amount" | "shu.import.error.duplicate" | "shu.import.error.columns";
  value: string;
}

export interface SavingsRow {
  memberNumber: string;
  pokok: number;
  wajib: number;
  /** The row's line in the file (the header is line 1). */
  line: number;
}

export const MAX_CSV_ROWS = 5000;

const headerNames = {
  memberNumber: ["member_number", "nomor_anggota", "no_anggota", "member number", "nomor anggota"],
  pokok: ["pokok", "simpanan_pokok", "simpanan pokok"],
  wajib: ["wajib", "simpanan_wajib", "simpanan wajib"],
} as const;

/**
 * A savings file (CSV, comma or semicolon, a header row naming the member number, pokok and wajib columns in
 * English or Indonesian) read into rows, or every problem found: a row that is not three amounts, a bad amount,
 * a member number twice. Whether the numbers are this cooperative's members is for the caller to check.
 */
export function readSavingsCsv(text: string): { ok: true; rows: SavingsRow[] } | { ok: false; error: "bad_csv" } | { ok: false; problems: CsvRowProblem[] } {
  let records: string[][];
  const clean = text.replace(/^\ufeff/, "");
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.split(";").length > firstLine.split(",").length ? ";" : ",";
  try {
    records = parse(clean, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true, to: MAX_CSV_ROWS + 2 }) as string[][];
  } catch {
    return { ok: false, error: "bad_csv" };
  }
  const header = (records[0] ?? []).map((cell) => cell.toLowerCase());
  const column = (names: readonly string[]) => header.findIndex((cell) => names.includes(cell));
  const columns = { memberNumber: column(headerNames.memberNumber), pokok: column(headerNames.pokok), wajib: column(headerNames.wajib) };
  if (Object.values(columns).some((index) => index < 0) || records.length < 2 || records.length > MAX_CSV_ROWS + 1) return { ok: false, error: "bad_csv" };
  const problems: CsvRowProblem[] = [];
  const rows: SavingsRow[] = [];
  const seen = new Set<string>();
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const memberNumber = (record[columns.memberNumber] ?? "").trim();
    const pokok = parseRupiah(record[columns.pokok] ?? "");
    const wajib = parseRupiah(record[columns.wajib] ?? "");
    if (memberNumber === "") return problems.push({ line, message: "shu.import.error.columns", value: "" });
    const key = memberNumber.toUpperCase();
    if (seen.has(key)) problems.push({ line, message: "shu.import.error.duplicate", value: memberNumber });
    seen.add(key);
    for (const [raw, parsed] of [
      [record[columns.pokok] ?? "", pokok],
      [record[columns.wajib] ?? "", wajib],
    ] as const) {
      if (parsed === null || parsed > MAX_SAVINGS) problems.push({ line, message: "shu.import.error.amount", value: raw });
    }
    if (pokok !== null && wajib !== null) rows.push({ memberNumber, pokok, wajib, line });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}
