import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import type { IndonesianTimeZone } from "~/lib/indonesia/time-zones";
import {
  bucketOf,
  bucketsOf,
  rangeBounds,
  type Channel,
  type Grain,
  type Period,
} from "./periods";

/**
 * The cooperative's sales report, read from the ledger only (decision 35): every figure is a sum of journal lines
 * posted in the period, so the totals are the accounts' movements for the period, exactly. Order lines only add what
 * the ledger does not know (quantities, categories, the channel of the order).
 */
export interface Figures {
  /** Goods sold (gross, what shoppers paid for them): members' shares plus fees of captured sales. */
  omzet: number;
  /** The members' part of `omzet`. */
  memberShare: number;
  /** Fee revenue: the fee_revenue account's movement. */
  fee: number;
  /** Shipping revenue: the shipping_revenue account's movement. */
  shipping: number;
  /** Everything given back to shoppers: `refundsMembers` (off the members' payables) + `refundsCooperative`. */
  refunds: number;
  /** The members' shares given back. */
  refundsMembers: number;
  /** The cooperative's refunded revenue (fee and shipping parts): the refunds account's movement. */
  refundsCooperative: number;
  /** What the providers kept: the provider_charges account's movement. */
  charges: number;
  /** Flagged payments the treasurer accepted as income: the other_income account's movement. */
  otherIncome: number;
  /** The cooperative's own result: fee + shipping + other income - its refunds - provider charges. */
  net: number;
}

export const figureKeys = [
  "omzet",
  "memberShare",
  "fee",
  "shipping",
  "refunds",
  "refundsMembers",
  "refundsCooperative",
  "charges",
  "otherIncome",
  "net",
] as const;

export const zeroFigures = (): Figures => ({
  omzet: 0,
  memberShare: 0,
  fee: 0,
  shipping: 0,
  refunds: 0,
  refundsMembers: 0,
  refundsCooperative: 0,
  charges: 0,
  otherIncome: 0,
  net: 0,
});

type FigureRow = {
  omzet: string | null;
  member_share: string | null;
  fee: string | null;
  shipping: string | null;
  refunds_cooperative: string | null;
  refunds_members: string | null;
  charges: string | null;
  other_income: string | null;
};

const num = (value: string | number | null | undefined) => Number(value ?? 0);

/** Sums over `moved` (the period's lines): one column per figure, in whole rupiah. */
const figureColumns = sql.raw(`
  coalesce(sum(credit - debit) filter (where account in ('member_payable', 'fee_revenue') and source = 'payment_captured'), 0) as omzet,
  coalesce(sum(credit - debit) filter (where account = 'member_payable' and source = 'payment_captured'), 0) as member_share,
  coalesce(sum(credit - debit) filter (where account = 'fee_revenue'), 0) as fee,
  coalesce(sum(credit - debit) filter (where account = 'shipping_revenue'), 0) as shipping,
  coalesce(sum(debit - credit) filter (where account = 'refunds'), 0) as refunds_cooperative,
  coalesce(sum(debit - credit) filter (where account = 'member_payable' and source = 'refund'), 0) as refunds_members,
  coalesce(sum(debit - credit) filter (where account = 'provider_charges'), 0) as charges,
  coalesce(sum(credit - debit) filter (where account = 'other_income'), 0) as other_income`);

function figuresOf(row: FigureRow): Figures {
  const figures = {
    omzet: num(row.omzet),
    memberShare: num(row.member_share),
    fee: num(row.fee),
    shipping: num(row.shipping),
    refundsMembers: num(row.refunds_members),
    refundsCooperative: num(row.refunds_cooperative),
    charges: num(row.charges),
    otherIncome: num(row.other_income),
  };
  return {
    ...figures,
    refunds: figures.refundsMembers + figures.refundsCooperative,
    net:
      figures.fee +
      figures.shipping +
      figures.otherIncome -
      figures.refundsCooperative -
      figures.charges,
  };
}

/** Adds figures (exact: whole rupiah). */
export function addFigures(a: Figures, b: Figures): Figures {
  const sum = zeroFigures();
  for (const key of figureKeys) sum[key] = a[key] + b[key];
  return sum;
}

/**
 * The period's journal lines with what a report groups them by. A reversal counts as the kind of entry it reverses
 * (negative), so a reversed capture takes its sale out again.
 */
function moved(
  cooperativeId: string,
  period: Pick<Period, "from" | "to">,
  zone: IndonesianTimeZone,
  channel: Channel = "all"
): SQL {
  const { start, end } = rangeBounds(period, zone);
  return sql`
    moved as (
      select l.member_id, l.order_line_id, l.debit, l.credit, a.kind::text as account,
        coalesce(original.source_kind, e.source_kind)::text as source,
        to_char(e.posted_at at time zone ${zone.iana}, 'YYYY-MM-DD') as day,
        o.channel::text as channel
      from journal_lines l
      join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      left join journal_entries original on e.source_kind = 'reversal' and original.cooperative_id = e.cooperative_id and original.id = e.source_id
      left join orders o on o.cooperative_id = e.cooperative_id and o.id = e.order_id
      where l.cooperative_id = ${cooperativeId}
        and e.posted_at >= ${start.toISOString()}::timestamptz and e.posted_at < ${end.toISOString()}::timestamptz
        ${channel === "all" ? sql`` : sql`and o.channel = ${channel}`}
    )`;
}

export interface BucketFigures {
  /** `2026-11-30` (a day, or the Monday of a week) or `2026-11` (a month). */
  bucket: string;
  figures: Figures;
}

export interface SalesSummary {
  totals: Figures;
  buckets: BucketFigures[];
  /** Per channel; `none` holds what belongs to no order (payouts, adjustments, charges without an order). */
  byChannel: { channel: "online" | "outlet" | "none"; figures: Figures }[];
}

/**
 * The period's totals, its figures per day, week or month (every bucket, quiet ones as zero) and per channel. With a
 * channel chosen, only entries of that channel's orders count.
 */
export async function salesSummary(
  db: Db,
  cooperativeId: string,
  period: Period,
  zone: IndonesianTimeZone
): Promise<SalesSummary> {
  const rows = await db.execute<
    FigureRow & { day: string; channel: string | null }
  >(sql`
    with ${moved(cooperativeId, period, zone)}
    select day, channel, ${figureColumns} from moved group by day, channel order by day`);
  const byBucket = new Map<string, Figures>(
    bucketsOf(period, period.grain).map((bucket) => [bucket, zeroFigures()])
  );
  const byChannel = new Map<"online" | "outlet" | "none", Figures>();
  let totals = zeroFigures();
  for (const row of rows) {
    const channel = (row.channel ?? "none") as "online" | "outlet" | "none";
    if (period.channel !== "all" && channel !== period.channel) continue;
    const figures = figuresOf(row);
    const bucket = bucketOf(row.day, period.grain);
    byBucket.set(
      bucket,
      addFigures(byBucket.get(bucket) ?? zeroFigures(), figures)
    );
    byChannel.set(
      channel,
      addFigures(byChannel.get(channel) ?? zeroFigures(), figures)
    );
    totals = addFigures(totals, figures);
  }
  return {
    totals,
    buckets: [...byBucket].map(([bucket, figures]) => ({ bucket, figures })),
    byChannel: (["online", "outlet", "none"] as const).flatMap((channel) =>
      byChannel.has(channel)
        ? [{ channel, figures: byChannel.get(channel)! }]
        : []
    ),
  };
}

export interface MemberSales {
  /** Null: lines that name no member business (shipping, charges, the cooperative's own adjustments). */
  memberId: string | null;
  businessName: string | null;
  memberNumber: string | null;
  /** Units sold (less units of reversed sales). */
  quantity: number;
  figures: Figures;
}

/** Units sold on the grouped lines (a reversed sale takes its units back). */
const quantityColumn = sql.raw(
  `coalesce(sum(sign(moved.credit - moved.debit) * ol.quantity) filter (where moved.account = 'member_payable' and moved.source = 'payment_captured'), 0) as quantity`
);

/**
 * The period's figures grouped by `key` (over `moved` and the order lines it joins), with the names `named` selects
 * from `figures` and its joins, ordered by `order`.
 */
function figuresBy<Named>(
  db: Db,
  cooperativeId: string,
  period: Period,
  zone: IndonesianTimeZone,
  group: { key: SQL; joins: SQL; named: SQL; order: SQL }
) {
  return db.execute<FigureRow & Named & { key: string | null; quantity: string | null }>(sql`
    with ${moved(cooperativeId, period, zone, period.channel)},
    figures as (
      select ${group.key} as key, ${figureColumns}, ${quantityColumn}
      from moved ${group.joins}
      group by 1
    )
    select figures.*, ${group.named} order by ${group.order}`);
}

/**
 * Sales per member business: omzet, fee, refunds and their net share. The last row (no member) holds what is the
 * cooperative's alone, so the rows add up to the summary's totals exactly.
 */
export async function salesByMember(db: Db, cooperativeId: string, period: Period, zone: IndonesianTimeZone): Promise<MemberSales[]> {
  const rows = await figuresBy<{ business_name: string | null; member_number: string | null }>(db, cooperativeId, period, zone, {
    key: sql`moved.member_id`,
    joins: sql`left join order_lines ol on ol.cooperative_id = ${cooperativeId} and ol.id = moved.order_line_id`,
    named: sql`m.business_name, m.member_number from figures left join members m on m.cooperative_id = ${cooperativeId} and m.id = figures.key`,
    order: sql`figures.key is null, figures.omzet desc, m.business_name`,
  });
  return rows.flatMap((row) => {
    const figures = figuresOf(row);
    // The cooperative's own row only when something is in it (a channel's sales may have no shipping or charges).
    if (row.key === null && figureKeys.every((key) => figures[key] === 0)) return [];
    return [{ memberId: row.key, businessName: row.business_name, memberNumber: row.member_number, quantity: num(row.quantity), figures }];
  });
}

export interface CategorySales {
  /** Null: sold lines whose product has no category now. */
  categoryId: string | null;
  nameId: string | null;
  nameEn: string | null;
  quantity: number;
  figures: Figures;
}

/**
 * Sales per category of the product sold (the product's category now: order lines keep no category of their own).
 * Only lines of sold goods count here; shipping, charges and adjustments are the summary's.
 */
export async function salesByCategory(db: Db, cooperativeId: string, period: Period, zone: IndonesianTimeZone): Promise<CategorySales[]> {
  const rows = await figuresBy<{ name_id: string | null; name_en: string | null }>(db, cooperativeId, period, zone, {
    key: sql`p.category_id`,
    joins: sql`join order_lines ol on ol.cooperative_id = ${cooperativeId} and ol.id = moved.order_line_id
      join products p on p.cooperative_id = ol.cooperative_id and p.id = ol.product_id`,
    named: sql`c.name_id, c.name_en from figures left join categories c on c.cooperative_id = ${cooperativeId} and c.id = figures.key`,
    order: sql`figures.omzet desc, c.name_id`,
  });
  return rows.map((row) => ({ categoryId: row.key, nameId: row.name_id, nameEn: row.name_en, quantity: num(row.quantity), figures: figuresOf(row) }));
}

/**
 * Each account kind's movement in the period (debits less credits; a provider's clearing per provider): what the
 * report's totals must equal, and the accountant's trial balance for the period.
 */
export async function accountMovements(
  db: Db,
  cooperativeId: string,
  period: Pick<Period, "from" | "to">,
  zone: IndonesianTimeZone
): Promise<
  { kind: string; provider: string | null; debit: number; credit: number }[]
> {
  const { start, end } = rangeBounds(period, zone);
  const rows = await db.execute<{
    kind: string;
    provider: string | null;
    debit: string;
    credit: string;
  }>(sql`
    select a.kind::text as kind, a.provider::text as provider, sum(l.debit) as debit, sum(l.credit) as credit
    from journal_lines l
    join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
    join ledger_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${cooperativeId}
      and e.posted_at >= ${start.toISOString()}::timestamptz and e.posted_at < ${end.toISOString()}::timestamptz
    group by a.kind, a.provider order by a.kind, a.provider`);
  return rows.map((row) => ({
    kind: row.kind,
    provider: row.provider,
    debit: num(row.debit),
    credit: num(row.credit),
  }));
}

export type { Grain };
