import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { members } from "~db/schema";
import { escapeLike } from "~/lib/sql-like";

export interface MemberSearch {
  /** Words of a name or business, a phone number as typed (0812…, +62 812…) or a member number. */
  q?: string;
  /** Only members with a new payout account waiting for the treasurer. */
  bankPending?: boolean;
  page: number;
  pageSize: number;
}

const pendingBank = sql<boolean>`exists (select 1 from member_bank_accounts b where b.cooperative_id = members.cooperative_id and b.member_id = members.id and b.status = 'pending')`;

/** The digits a phone search compares: phones are stored as +62…, so a typed 08… looks for 628…. */
export function phoneDigits(q: string): string | null {
  const digits = q.replace(/[\s\-.()+]/g, "");
  if (!/^[0-9]{4,15}$/.test(digits)) return null;
  return digits.startsWith("0") ? `62${digits.slice(1)}` : digits;
}

/**
 * A cooperative's members for staff, a page at a time, in member-number order, found by owner's name, business,
 * phone or member number (accents and case ignored).
 */
export async function searchMembers(db: Db, cooperativeId: string, search: MemberSearch) {
  const conditions: SQL[] = [eq(members.cooperativeId, cooperativeId)];
  const q = search.q?.trim().slice(0, 100) ?? "";
  if (q) {
    const like = `%${escapeLike(q.toLowerCase())}%`;
    const either: SQL[] = [
      sql`f_unaccent(lower(${members.businessName})) like f_unaccent(${like})`,
      sql`f_unaccent(lower(${members.ownerName})) like f_unaccent(${like})`,
      sql`lower(${members.memberNumber}) like ${like}`,
    ];
    const digits = phoneDigits(q);
    if (digits) either.push(sql`regexp_replace(${members.phone}, '[^0-9]', '', 'g') like ${`%${digits}%`}`);
    conditions.push(sql`(${sql.join(either, sql` or `)})`);
  }
  if (search.bankPending) conditions.push(pendingBank);
  const rows = await db
    .select({
      id: members.id,
      memberNumber: members.memberNumber,
      businessName: members.businessName,
      ownerName: members.ownerName,
      phone: members.phone,
      village: members.village,
      district: members.district,
      status: members.status,
      productCount: sql<number>`(select count(*) from products p where p.cooperative_id = members.cooperative_id and p.member_id = members.id)`.mapWith(Number),
      pendingBank,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(members)
    .where(and(...conditions))
    .orderBy(asc(members.memberNumber))
    .limit(search.pageSize)
    .offset((search.page - 1) * search.pageSize);
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map(({ total: _total, ...row }) => row),
    total,
    page: search.page,
    pageCount: Math.max(1, Math.ceil(total / search.pageSize)),
  };
}
