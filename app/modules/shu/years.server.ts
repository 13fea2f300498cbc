import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { members, shuLines, shuSavings, shuShares, shuYears, users } from "~db/schema";
import { allOrNothing, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { defaultShuLines, type ShuLineInput, type ShuMemberShare } from "./compute";
import type { ShuError, ShuInputs } from "./forms";
import type { SavingsRow } from "./savings-csv";

export interface ShuYear {
  id: string;
  year: number;
  surplus: number;
  finalisedAt: Date | null;
  finalisedByName: string | null;
  lines: ShuLineInput[];
}

/** Who did it, for the audit record. */
export interface ShuActor {
  cooperativeId: string;
  actorUserId: string;
  ipAddress?: string;
}

/** The cooperative's SHU years, newest first, with their surplus and whether they are final. */
export async function listShuYears(db: Db, cooperativeId: string) {
  return db
    .select({ year: shuYears.year, surplus: shuYears.surplus, finalisedAt: shuYears.finalisedAt })
    .from(shuYears)
    .where(eq(shuYears.cooperativeId, cooperativeId))
    .orderBy(desc(shuYears.year));
}

/** One year of this cooperative with its allocation lines in order; undefined for a year it has not opened. */
export async function getShuYear(db: Db, cooperativeId: string, year: number): Promise<ShuYear | undefined> {
  const [row] = await db
    .select({ id: shuYears.id, year: shuYears.year, surplus: shuYears.surplus, finalisedAt: shuYears.finalisedAt, finalisedByName: users.name, finalisedByEmail: users.email })
    .from(shuYears)
    .leftJoin(users, eq(users.id, shuYears.finalisedBy))
    .where(and(eq(shuYears.cooperativeId, cooperativeId), eq(shuYears.year, year)));
  if (!row) return undefined;
  const lines = await db
    .select({ role: shuLines.role, name: shuLines.name, basisPoints: shuLines.basisPoints })
    .from(shuLines)
    .where(and(eq(shuLines.cooperativeId, cooperativeId), eq(shuLines.yearId, row.id)))
    .orderBy(asc(shuLines.position));
  const { finalisedByEmail, ...year_ } = row;
  return { ...year_, finalisedByName: row.finalisedAt ? row.finalisedByName || finalisedByEmail || null : null, lines };
}

/** The year's row locked for the rest of the transaction, refused when it does not exist or (for changes) is final. */
async function lockYear(tx: Db, cooperativeId: string, year: number) {
  const [row] = await tx.select().from(shuYears).where(and(eq(shuYears.cooperativeId, cooperativeId), eq(shuYears.year, year))).for("update");
  return row;
}

async function writeLines(tx: Db, cooperativeId: string, yearId: string, lines: readonly ShuLineInput[]) {
  await tx.delete(shuLines).where(and(eq(shuLines.cooperativeId, cooperativeId), eq(shuLines.yearId, yearId)));
  await tx.insert(shuLines).values(lines.map((line, position) => ({ cooperativeId, yearId, position, role: line.role, name: line.name, basisPoints: line.basisPoints })));
}

/**
 * Opens a fiscal year (nothing happens for one already open): the surplus at zero and the allocation lines of the
 * latest earlier year, or the usual split for the first. Audited.
 */
export async function openShuYear(db: Db, input: ShuActor & { year: number }): Promise<{ ok: true; opened: boolean }> {
  return db.transaction(async (tx) => {
    const [created] = await tx.insert(shuYears).values({ cooperativeId: input.cooperativeId, year: input.year }).onConflictDoNothing().returning({ id: shuYears.id });
    if (!created) return { ok: true as const, opened: false };
    const [earlier] = await tx
      .select({ id: shuYears.id })
      .from(shuYears)
      .where(and(eq(shuYears.cooperativeId, input.cooperativeId), lt(shuYears.year, input.year)))
      .orderBy(desc(shuYears.year))
      .limit(1);
    const lines = earlier
      ? await tx
          .select({ role: shuLines.role, name: shuLines.name, basisPoints: shuLines.basisPoints })
          .from(shuLines)
          .where(and(eq(shuLines.cooperativeId, input.cooperativeId), eq(shuLines.yearId, earlier.id)))
          .orderBy(asc(shuLines.position))
      : [];
    await writeLines(tx, input.cooperativeId, created.id, lines.length > 0 ? lines : defaultShuLines);
    await recordAudit(tx, { ...input, action: "shu.year_opened", entityType: "shu_year", entityId: created.id, after: { year: input.year } });
    return { ok: true as const, opened: true };
  });
}

/** Saves the surplus and the allocation lines of an open (not final) year, audited before and after. */
export async function saveShuInputs(db: Db, input: ShuActor & { year: number; inputs: ShuInputs }): Promise<{ ok: true } | Refused<ShuError>> {
  return allOrNothing(db, async (tx) => {
    const row = await lockYear(tx, input.cooperativeId, input.year);
    if (!row) return { ok: false as const, error: "not_found" as const };
    if (row.finalisedAt) return { ok: false as const, error: "locked" as const };
    const before = await getShuYear(tx, input.cooperativeId, input.year);
    await tx.update(shuYears).set({ surplus: input.inputs.surplus, updatedAt: new Date() }).where(eq(shuYears.id, row.id));
    await writeLines(tx, input.cooperativeId, row.id, input.inputs.lines);
    await recordAudit(tx, {
      ...input,
      action: "shu.inputs_changed",
      entityType: "shu_year",
      entityId: row.id,
      before: { surplus: before?.surplus, lines: before?.lines },
      after: { surplus: input.inputs.surplus, lines: input.inputs.lines },
    });
    return { ok: true as const };
  });
}

/** The cooperative's members by number (upper case), to resolve typed and imported member numbers. */
async function membersByNumber(tx: Db, cooperativeId: string, numbers: readonly string[]) {
  if (numbers.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ id: members.id, memberNumber: members.memberNumber })
    .from(members)
    .where(and(eq(members.cooperativeId, cooperativeId), inArray(sql`upper(${members.memberNumber})`, numbers.map((number) => number.toUpperCase()))));
  return new Map(rows.map((row) => [row.memberNumber.toUpperCase(), row.id]));
}

/**
 * Sets the savings of the listed members for an open year (others keep theirs), all or nothing: an unknown member
 * number refuses the lot with the lines it was on. Audited once, with how many rows and their total.
 */
export async function saveSavings(
  db: Db,
  input: ShuActor & { year: number; rows: readonly (Omit<SavingsRow, "line"> & { line?: number })[]; source: "typed" | "csv" },
): Promise<{ ok: true; count: number } | Refused<ShuError> | { ok: false; error: "unknown_member"; unknown: { line?: number; value: string }[] }> {
  return allOrNothing(db, async (tx) => {
    const row = await lockYear(tx, input.cooperativeId, input.year);
    if (!row) return { ok: false as const, error: "not_found" as const };
    if (row.finalisedAt) return { ok: false as const, error: "locked" as const };
    const known = await membersByNumber(tx, input.cooperativeId, input.rows.map((saving) => saving.memberNumber));
    const unknown = input.rows.filter((saving) => !known.has(saving.memberNumber.toUpperCase())).map((saving) => ({ line: saving.line, value: saving.memberNumber }));
    if (unknown.length > 0) return { ok: false as const, error: "unknown_member" as const, unknown };
    const now = new Date();
    for (let start = 0; start < input.rows.length; start += 500) {
      const batch = input.rows.slice(start, start + 500).map((saving) => ({
        cooperativeId: input.cooperativeId,
        yearId: row.id,
        memberId: known.get(saving.memberNumber.toUpperCase())!,
        pokok: saving.pokok,
        wajib: saving.wajib,
        updatedAt: now,
      }));
      await tx
        .insert(shuSavings)
        .values(batch)
        .onConflictDoUpdate({
          target: [shuSavings.cooperativeId, shuSavings.yearId, shuSavings.memberId],
          set: { pokok: sql`excluded.pokok`, wajib: sql`excluded.wajib`, updatedAt: now },
        });
    }
    await recordAudit(tx, {
      ...input,
      action: input.source === "csv" ? "shu.savings_imported" : "shu.savings_changed",
      entityType: "shu_year",
      entityId: row.id,
      after:
        input.source === "csv"
          ? { rows: input.rows.length, total: input.rows.reduce((sum, saving) => sum + saving.pokok + saving.wajib, 0) }
          : { memberNumber: input.rows[0]?.memberNumber, pokok: input.rows[0]?.pokok, wajib: input.rows[0]?.wajib },
    });
    return { ok: true as const, count: input.rows.length };
  });
}

export interface MemberSavings {
  memberId: string;
  memberNumber: string;
  businessName: string;
  pokok: number;
  wajib: number;
}

/** Every member of the cooperative with their savings for the year (zero when none entered), by member number. */
export async function savingsOfYear(db: Db, cooperativeId: string, yearId: string): Promise<MemberSavings[]> {
  const rows = await db
    .select({ memberId: members.id, memberNumber: members.memberNumber, businessName: members.businessName, pokok: shuSavings.pokok, wajib: shuSavings.wajib })
    .from(members)
    .leftJoin(shuSavings, and(eq(shuSavings.cooperativeId, members.cooperativeId), eq(shuSavings.memberId, members.id), eq(shuSavings.yearId, yearId)))
    .where(eq(members.cooperativeId, cooperativeId))
    .orderBy(asc(members.memberNumber));
  return rows.map((row) => ({ ...row, pokok: row.pokok ?? 0, wajib: row.wajib ?? 0 }));
}

/** The member shares kept when the year was finalised (what the report shows of a final year). */
export async function keptShares(db: Db, cooperativeId: string, yearId: string) {
  return db
    .select({ memberId: shuShares.memberId, sales: shuShares.sales, savings: shuShares.savings, jasaUsaha: shuShares.jasaUsaha, jasaModal: shuShares.jasaModal })
    .from(shuShares)
    .where(and(eq(shuShares.cooperativeId, cooperativeId), eq(shuShares.yearId, yearId)));
}

/**
 * Finalises an open year with the member shares as `computeShares` works them out from the year's inputs, read under
 * the year's lock so nothing changes in between: the year is locked, and members see their line. Audited with totals.
 */
export async function finaliseShuYear(
  db: Db,
  input: ShuActor & { year: number; now?: Date },
  computeShares: (tx: Db, year: ShuYear) => Promise<readonly ShuMemberShare[]>,
): Promise<{ ok: true } | Refused<ShuError>> {
  return allOrNothing(db, async (tx) => {
    const row = await lockYear(tx, input.cooperativeId, input.year);
    if (!row) return { ok: false as const, error: "not_found" as const };
    if (row.finalisedAt) return { ok: false as const, error: "locked" as const };
    const shares = await computeShares(tx, (await getShuYear(tx, input.cooperativeId, input.year))!);
    const kept = shares.filter((share) => share.sales > 0 || share.savings > 0 || share.total > 0);
    if (kept.length > 0)
      await tx.insert(shuShares).values(
        kept.map((share) => ({
          cooperativeId: input.cooperativeId,
          yearId: row.id,
          memberId: share.memberId,
          sales: share.sales,
          savings: share.savings,
          jasaUsaha: share.jasaUsaha,
          jasaModal: share.jasaModal,
        })),
      );
    await tx.update(shuYears).set({ finalisedAt: input.now ?? new Date(), finalisedBy: input.actorUserId }).where(eq(shuYears.id, row.id));
    await recordAudit(tx, {
      ...input,
      action: "shu.finalised",
      entityType: "shu_year",
      entityId: row.id,
      after: { year: input.year, surplus: row.surplus, members: kept.length, distributed: kept.reduce((sum, share) => sum + share.total, 0) },
    });
    return { ok: true as const };
  });
}

/** Unlocks a final year (a manager's correction): the kept shares are dropped and members no longer see it. Audited. */
export async function unlockShuYear(db: Db, input: ShuActor & { year: number }): Promise<{ ok: true } | Refused<ShuError>> {
  return allOrNothing(db, async (tx) => {
    const row = await lockYear(tx, input.cooperativeId, input.year);
    if (!row) return { ok: false as const, error: "not_found" as const };
    if (!row.finalisedAt) return { ok: false as const, error: "not_locked" as const };
    await tx.delete(shuShares).where(and(eq(shuShares.cooperativeId, input.cooperativeId), eq(shuShares.yearId, row.id)));
    await tx.update(shuYears).set({ finalisedAt: null, finalisedBy: null, updatedAt: new Date() }).where(eq(shuYears.id, row.id));
    await recordAudit(tx, {
      ...input,
      action: "shu.unlocked",
      entityType: "shu_year",
      entityId: row.id,
      before: { finalisedAt: row.finalisedAt.toISOString(), finalisedBy: row.finalisedBy },
    });
    return { ok: true as const };
  });
}

/** One member's own SHU lines, of final years only, newest first: what their money page shows. */
export async function memberShuLines(db: Db, cooperativeId: string, memberId: string) {
  return db
    .select({ year: shuYears.year, sales: shuShares.sales, savings: shuShares.savings, jasaUsaha: shuShares.jasaUsaha, jasaModal: shuShares.jasaModal, finalisedAt: shuYears.finalisedAt })
    .from(shuShares)
    .innerJoin(shuYears, and(eq(shuYears.cooperativeId, shuShares.cooperativeId), eq(shuYears.id, shuShares.yearId)))
    .where(and(eq(shuShares.cooperativeId, cooperativeId), eq(shuShares.memberId, memberId), sql`${shuYears.finalisedAt} is not null`))
    .orderBy(desc(shuYears.year));
}
