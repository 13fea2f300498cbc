import { allocate, BASIS_POINTS, rupiah, sumRupiah, type Rupiah } from "~/lib/money";

/** What an allocation line is for (`shu_line_role`): the two members' pools, or a fund or reserve kept by the cooperative. */
export type ShuLineRole = "jasa_usaha" | "jasa_modal" | "fund";

export interface ShuLineInput {
  role: ShuLineRole;
  /** The statutes' name of a fund ("Dana cadangan"); the two pools are named by the page in its language. */
  name: string;
  basisPoints: number;
}

export interface ShuMemberInput {
  memberId: string;
  /** Sales through the cooperative in the year (decision 36: omzet less refunds, from the ledger). */
  sales: number;
  /** Simpanan pokok + wajib. */
  savings: number;
}

export interface ShuLineShare extends ShuLineInput {
  amount: Rupiah;
}

export interface ShuMemberShare extends ShuMemberInput {
  jasaUsaha: Rupiah;
  jasaModal: Rupiah;
  total: Rupiah;
}

export interface ShuReport {
  surplus: Rupiah;
  lines: ShuLineShare[];
  jasaUsahaPool: Rupiah;
  jasaModalPool: Rupiah;
  members: ShuMemberShare[];
  totals: { sales: number; savings: number; jasaUsaha: Rupiah; jasaModal: Rupiah; total: Rupiah };
  /**
   * A pool nobody could earn a part of (no member sold anything through the cooperative that year, or no savings
   * were entered): kept whole, not divided by zero. The page says so.
   */
  undistributed: { jasaUsaha: Rupiah; jasaModal: Rupiah };
}

/** The lines' basis points add up to 100 % and each pool appears exactly once. */
export function linesAreComplete(lines: readonly ShuLineInput[]): boolean {
  const sum = lines.reduce((total, line) => total + line.basisPoints, 0);
  const count = (role: ShuLineRole) => lines.filter((line) => line.role === role).length;
  return sum === BASIS_POINTS && count("jasa_usaha") === 1 && count("jasa_modal") === 1 && lines.every((line) => Number.isInteger(line.basisPoints) && line.basisPoints >= 0);
}

/** A pool shared by weights (largest remainder, so the parts add up to the pool), or nothing shared when every weight is zero. */
function share(pool: Rupiah, weights: readonly number[]): { parts: Rupiah[]; undistributed: Rupiah } {
  if (weights.length === 0 || weights.every((weight) => weight === 0)) return { parts: weights.map(() => rupiah(0)), undistributed: pool };
  return { parts: allocate(pool, weights), undistributed: rupiah(0) };
}

/**
 * The year's SHU: the surplus split over the statutes' lines (largest remainder, so the lines add up to the surplus
 * exactly), then the jasa usaha pool shared by each member's sales and the jasa modal pool by their savings, each
 * also by largest remainder, so the members' parts add up exactly to the pools. A negative sales figure (a year
 * whose refunds outweigh its sales) earns nothing rather than taking from the others. Pure: the report page, the
 * files and finalising all call it.
 */
export function computeShu(surplus: number, lines: readonly ShuLineInput[], members: readonly ShuMemberInput[]): ShuReport {
  if (!linesAreComplete(lines)) throw new RangeError("SHU lines must add up to 100 % with one jasa usaha and one jasa modal line");
  if (!Number.isSafeInteger(surplus) || surplus < 0) throw new RangeError(`Not a surplus: ${surplus}`);
  const amounts = allocate(rupiah(surplus), lines.map((line) => line.basisPoints));
  const shared = lines.map((line, index) => ({ ...line, amount: amounts[index]! }));
  const pool = (role: ShuLineRole) => shared.find((line) => line.role === role)!.amount;
  const jasaUsahaPool = pool("jasa_usaha");
  const jasaModalPool = pool("jasa_modal");
  const byUsaha = share(jasaUsahaPool, members.map((member) => Math.max(0, member.sales)));
  const byModal = share(jasaModalPool, members.map((member) => Math.max(0, member.savings)));
  const memberShares = members.map((member, index) => {
    const sales = Math.max(0, member.sales);
    const jasaUsaha = byUsaha.parts[index]!;
    const jasaModal = byModal.parts[index]!;
    return { ...member, sales, jasaUsaha, jasaModal, total: rupiah(jasaUsaha + jasaModal) };
  });
  return {
    surplus: rupiah(surplus),
    lines: shared,
    jasaUsahaPool,
    jasaModalPool,
    members: memberShares,
    totals: {
      sales: memberShares.reduce((sum, member) => sum + member.sales, 0),
      savings: members.reduce((sum, member) => sum + member.savings, 0),
      jasaUsaha: sumRupiah(memberShares.map((member) => member.jasaUsaha)),
      jasaModal: sumRupiah(memberShares.map((member) => member.jasaModal)),
      total: sumRupiah(memberShares.map((member) => member.total)),
    },
    undistributed: { jasaUsaha: byUsaha.undistributed, jasaModal: byModal.undistributed },
  };
}

/** The statutes' usual split, for a cooperative's first SHU year (the manager changes it to theirs). */
export const defaultShuLines: ShuLineInput[] = [
  { role: "fund", name: "Dana cadangan", basisPoints: 2500 },
  { role: "jasa_usaha", name: "", basisPoints: 4000 },
  { role: "jasa_modal", name: "", basisPoints: 2000 },
  { role: "fund", name: "Dana pengurus", basisPoints: 500 },
  { role: "fund", name: "Dana karyawan", basisPoints: 500 },
  { role: "fund", name: "Dana pendidikan", basisPoints: 250 },
  { role: "fund", name: "Dana sosial", basisPoints: 250 },
];
