import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { ledgerAccounts } from "~db/schema";

export type AccountKind = (typeof ledgerAccounts.$inferSelect)["kind"];
export type ProviderName = "midtrans" | "stripe" | "manual";

/** An account of the chart, named by what it is; made on first use (`accountId`). */
export type AccountRef =
  | { kind: "provider_clearing"; provider: ProviderName }
  | { kind: "member_payable"; memberId: string }
  | { kind: Exclude<AccountKind, "provider_clearing" | "member_payable"> };

/** The accounts every cooperative has from its first posting; payables come per member business on demand. */
export const fixedAccounts: AccountRef[] = [
  { kind: "provider_clearing", provider: "midtrans" },
  { kind: "provider_clearing", provider: "stripe" },
  { kind: "provider_clearing", provider: "manual" },
  { kind: "bank" },
  { kind: "fee_revenue" },
  { kind: "shipping_revenue" },
  { kind: "provider_charges" },
  { kind: "refunds" },
  { kind: "cash" },
  { kind: "other_income" },
];

const providerOf = (ref: AccountRef) =>
  "provider" in ref ? ref.provider : null;
const memberOf = (ref: AccountRef) => ("memberId" in ref ? ref.memberId : null);

/** A stable text key for an account (`provider_clearing:midtrans`, `member_payable:<id>`), for forms and maps. */
export function accountKey(ref: AccountRef): string {
  return [ref.kind, providerOf(ref) ?? memberOf(ref)].filter(Boolean).join(":");
}

/** The id of an account of this cooperative's chart, made when first needed (the caller's transaction). */
export async function accountId(
  tx: Db,
  cooperativeId: string,
  ref: AccountRef
): Promise<string> {
  const provider = providerOf(ref);
  const memberId = memberOf(ref);
  const [made] = await tx
    .insert(ledgerAccounts)
    .values({ cooperativeId, kind: ref.kind, provider, memberId })
    .onConflictDoNothing()
    .returning({ id: ledgerAccounts.id });
  if (made) return made.id;
  const [found] = await tx
    .select({ id: ledgerAccounts.id })
    .from(ledgerAccounts)
    .where(
      and(
        eq(ledgerAccounts.cooperativeId, cooperativeId),
        eq(ledgerAccounts.kind, ref.kind),
        provider
          ? eq(ledgerAccounts.provider, provider)
          : isNull(ledgerAccounts.provider),
        memberId
          ? eq(ledgerAccounts.memberId, memberId)
          : isNull(ledgerAccounts.memberId)
      )
    );
  if (!found)
    throw new Error(`ledger account ${accountKey(ref)} could not be made`);
  return found.id;
}

/** Whether a member business belongs to this cooperative (before its payable is made for it). */
export async function memberOfCooperative(
  db: Db,
  cooperativeId: string,
  memberId: string
): Promise<boolean> {
  const rows = await db.execute(
    sql`select 1 from members where cooperative_id = ${cooperativeId} and id = ${memberId}`
  );
  return rows.length > 0;
}
