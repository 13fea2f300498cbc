import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import type { Month } from "./months";

/** One sold order line of a member business as the ledger saw it, with what came back and what it cost them. */
export interface SoldLine {
  orderLineId: string;
  productId: string;
  nameId: string;
  nameEn: string;
  month: Month;
  quantity: number;
  /** Gross sale (omzet), the cooperative's fee, and the member's share, as captured. */
  gross: number;
  fee: number;
  share: number;
  /** Gross refunded, and the member's part of it. */
  refundedGross: number;
  refundedShare: number;
  /** HPP of one unit on the day of the sale (materials + packaging); null when the member has not recorded it. */
  unitCost: number | null;
}

const num = (value: string | number | null | undefined) => Number(value ?? 0);

/**
 * The member's sales since `from` (online and, when it comes, at the outlet: every sale is an order line paid into
 * the ledger), each with its refunds and its unit cost in force on the day of the sale in the cooperative's zone.
 */
export async function soldLines(
  db: Db,
  cooperativeId: string,
  memberId: string,
  zone: IndonesianTimeZone,
  from: Date
): Promise<SoldLine[]> {
  const rows = await db.execute<{
    id: string;
    product_id: string;
    name_id: string;
    name_en: string;
    month: Month;
    quantity: number;
    share: string;
    fee: string;
    refunded_share: string | null;
    refunded_gross: string | null;
    unit_cost: string | null;
  }>(sql`
    with sold as (
      select ol.id, ol.product_id, ol.variant_id, ol.name_id, ol.name_en, ol.quantity, e.posted_at,
        sum(l.credit) filter (where a.kind = 'member_payable') as share,
        sum(l.credit) filter (where a.kind = 'fee_revenue') as fee
      from journal_lines l
      join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      join order_lines ol on ol.cooperative_id = l.cooperative_id and ol.id = l.order_line_id
      where l.cooperative_id = ${cooperativeId} and l.member_id = ${memberId}
        and e.source_kind = 'payment_captured' and e.posted_at >= ${from.toISOString()}::timestamptz
      group by ol.id, e.posted_at
    ),
    refunded as (
      select l.order_line_id,
        sum(l.debit - l.credit) filter (where a.kind = 'member_payable') as share,
        sum(l.debit - l.credit) as gross
      from journal_lines l
      join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = ${cooperativeId} and l.member_id = ${memberId} and e.source_kind = 'refund'
        and l.order_line_id in (select id from sold)
      group by l.order_line_id
    )
    select sold.id, sold.product_id, sold.name_id, sold.name_en, sold.quantity, sold.share, sold.fee,
      to_char(sold.posted_at at time zone ${zone.iana}, 'YYYY-MM') as month,
      refunded.share as refunded_share, refunded.gross as refunded_gross,
      (select c.materials + c.packaging from sku_costs c
        where c.cooperative_id = ${cooperativeId} and c.variant_id = sold.variant_id
          and c.effective_from <= (sold.posted_at at time zone ${
            zone.iana
          })::date
        order by c.effective_from desc limit 1) as unit_cost
    from sold left join refunded on refunded.order_line_id = sold.id
    order by sold.posted_at`);
  return rows.map((row) => ({
    orderLineId: row.id,
    productId: row.product_id,
    nameId: row.name_id,
    nameEn: row.name_en,
    month: row.month,
    quantity: row.quantity,
    gross: num(row.share) + num(row.fee),
    fee: num(row.fee),
    share: num(row.share),
    refundedGross: num(row.refunded_gross),
    refundedShare: num(row.refunded_share),
    unitCost: row.unit_cost === null ? null : num(row.unit_cost),
  }));
}

/** Omzet, fee, net earnings and (where every sale has a cost) gross profit over a set of sold lines. */
export interface Earnings {
  omzet: number;
  fee: number;
  refunded: number;
  /** The member's share less what was refunded of it. */
  net: number;
  /** HPP of the units kept (a fully refunded line's goods came back). */
  cost: number;
  /** net - cost; null when some sale has no recorded cost, so no wrong profit is shown. */
  profit: number | null;
  costMissing: boolean;
}

/** Units kept after refunds, in proportion to the gross refunded (whole units, rounded down in the member's favour). */
function unitsKept(line: SoldLine): number {
  if (line.gross === 0) return 0;
  return (
    line.quantity -
    Math.floor((line.quantity * line.refundedGross) / line.gross)
  );
}

export function earningsOf(lines: readonly SoldLine[]): Earnings {
  let omzet = 0;
  let fee = 0;
  let refunded = 0;
  let net = 0;
  let cost = 0;
  let costMissing = false;
  for (const line of lines) {
    omzet += line.gross;
    fee += line.fee;
    refunded += line.refundedGross;
    net += line.share - line.refundedShare;
    const kept = unitsKept(line);
    if (kept === 0) continue;
    if (line.unitCost === null) costMissing = true;
    else cost += kept * line.unitCost;
  }
  return {
    omzet,
    fee,
    refunded,
    net,
    cost,
    profit: costMissing ? null : net - cost,
    costMissing,
  };
}

/** Earnings per month, for every month asked (empty months at zero). */
export function earningsByMonth(
  lines: readonly SoldLine[],
  months: readonly Month[]
): { month: Month; earnings: Earnings }[] {
  return months.map((month) => ({
    month,
    earnings: earningsOf(lines.filter((line) => line.month === month)),
  }));
}

/** Earnings per product, best selling first. */
export function earningsByProduct(
  lines: readonly SoldLine[]
): {
  productId: string;
  nameId: string;
  nameEn: string;
  quantity: number;
  earnings: Earnings;
}[] {
  const byProduct = new Map<string, SoldLine[]>();
  for (const line of lines)
    byProduct.set(line.productId, [
      ...(byProduct.get(line.productId) ?? []),
      line,
    ]);
  return [...byProduct.values()]
    .map((productLines) => ({
      productId: productLines[0]!.productId,
      nameId: productLines.at(-1)!.nameId,
      nameEn: productLines.at(-1)!.nameEn,
      quantity: productLines.reduce((sum, line) => sum + line.quantity, 0),
      earnings: earningsOf(productLines),
    }))
    .sort((a, b) => b.earnings.omzet - a.earnings.omzet);
}
