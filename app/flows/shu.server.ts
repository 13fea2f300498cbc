import type { Db } from "~db/client";
import { timeZoneOfProvince } from "~/lib/indonesia/time-zones";
import type { Refused } from "~/lib/results";
import { salesByMember } from "~/modules/ledger/sales.server";
import { monthBounds, type Month } from "~/modules/ledger/months";
import { computeShu, type ShuReport } from "~/modules/shu/compute";
import type { ShuError } from "~/modules/shu/forms";
import { finaliseShuYear, getShuYear, keptShares, savingsOfYear, type MemberSavings, type ShuActor, type ShuYear } from "~/modules/shu/years.server";

export interface ShuCooperative {
  id: string;
  province: string;
}

export interface ShuYearReport {
  year: ShuYear;
  /** Every member with their savings and what the report gives them, by member number. */
  members: (MemberSavings & ShuReport["members"][number])[];
  report: ShuReport;
}

/** The fiscal year's bounds in the cooperative's zone: 1 January 00.00 local time to the next 1 January. */
export function fiscalYearBounds(year: number, cooperative: ShuCooperative) {
  const zone = timeZoneOfProvince(cooperative.province);
  return { from: monthBounds(`${year}-01` as Month, zone).from, to: monthBounds(`${year + 1}-01` as Month, zone).from };
}

async function reportOf(db: Db, cooperative: ShuCooperative, year: ShuYear): Promise<ShuYearReport> {
  const savings = await savingsOfYear(db, cooperative.id, year.id);
  let inputs: { memberId: string; sales: number; savings: number }[];
  if (year.finalisedAt) {
    // A final year shows what was kept when it was finalised, whatever the ledger has learnt since.
    const kept = new Map((await keptShares(db, cooperative.id, year.id)).map((share) => [share.memberId, share]));
    inputs = savings.map((member) => ({ memberId: member.memberId, sales: kept.get(member.memberId)?.sales ?? 0, savings: kept.get(member.memberId)?.savings ?? 0 }));
  } else {
    const { from, to } = fiscalYearBounds(year.year, cooperative);
    const sales = await salesByMember(db, cooperative.id, from, to);
    inputs = savings.map((member) => ({ memberId: member.memberId, sales: sales.get(member.memberId) ?? 0, savings: member.pokok + member.wajib }));
  }
  const report = computeShu(year.surplus, year.lines, inputs);
  return { year, report, members: savings.map((member, index) => ({ ...member, ...report.members[index]! })) };
}

/**
 * A cooperative's SHU year as its report page shows it (decision 36): the inputs, each member's sales that year from
 * the ledger (in the cooperative's zone) and savings, and the computed split. Undefined for a year not opened here.
 */
export async function shuYearReport(db: Db, cooperative: ShuCooperative, year: number): Promise<ShuYearReport | undefined> {
  const found = await getShuYear(db, cooperative.id, year);
  return found ? reportOf(db, cooperative, found) : undefined;
}

/** Finalises a year with the shares computed under its lock, so what members see is exactly what the report said. */
export async function finaliseShu(db: Db, cooperative: ShuCooperative, input: ShuActor & { year: number; now?: Date }): Promise<{ ok: true } | Refused<ShuError>> {
  return finaliseShuYear(db, input, async (tx, year) => (await reportOf(tx, cooperative, year)).report.members);
}
