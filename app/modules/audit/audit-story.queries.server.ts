import { sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { escapeLike } from "~/lib/sql-like";

/**
 * The audit log as staff read it: who did what to which product, member or order, by name. Names are resolved at
 * read time (the log itself keeps ids and is append-only), by joins that stay inside the cooperative, in one query
 * per page: the page of records is cut first, then each record looks up its own subject.
 */

/** The kinds a staff member filters by, each a set of action prefixes. */
export const auditKinds = {
  listing: ["listing."],
  stock: ["stock."],
  membership: ["membership."],
  bank: ["bank_account."],
  payment: ["payment.", "payment_proof.", "payments."],
  settings: ["cooperative.", "delivery."],
  money: ["payout.", "ledger.", "shu."],
} as const;
export type AuditKind = keyof typeof auditKinds;

export interface AuditStoryFilter {
  kind?: AuditKind;
  actorUserId?: string;
  from?: Date;
  to?: Date;
  page: number;
}

export interface AuditStoryEntry {
  id: number;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  ipAddress: string;
  createdAt: Date;
  actorName: string | null;
  /** The product, member, applicant, order or shop the record is about; null when it no longer resolves. */
  subject: string | null;
  /** Where staff can look at the subject, when there is a page for it. */
  subjectHref: string | null;
}

type Row = {
  id: string; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; ip_address: string; created_at: string;
  actor_name: string | null; actor_email: string | null; subject: string | null; member_id: string | null; total: string;
};

export const AUDIT_PAGE_SIZE = 30;

const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function listAuditStory(db: Db, cooperativeId: string, locale: "id" | "en", filter: AuditStoryFilter) {
  const conditions: SQL[] = [sql`cooperative_id = ${cooperativeId}`];
  if (filter.kind) {
    const prefixes = auditKinds[filter.kind].map((prefix) => sql`action like ${`${escapeLike(prefix)}%`}`);
    conditions.push(sql`(${sql.join(prefixes, sql` or `)})`);
  }
  if (filter.actorUserId && uuidText.test(filter.actorUserId)) conditions.push(sql`actor_user_id = ${filter.actorUserId}`);
  if (filter.from) conditions.push(sql`created_at >= ${filter.from.toISOString()}`);
  if (filter.to) conditions.push(sql`created_at < ${filter.to.toISOString()}`);
  const name = (alias: string) =>
    locale === "en" ? sql.raw(`coalesce(nullif(${alias}.name_en, ''), ${alias}.name_id)`) : sql.raw(`${alias}.name_id`);
  const rows = await db.execute<Row>(sql`
    with page as (
      select *, count(*) over () as total,
        case when entity_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then entity_id::uuid end as entity_uuid
      from audit_log
      where ${sql.join(conditions, sql` and `)}
      order by id desc
      limit ${AUDIT_PAGE_SIZE} offset ${(filter.page - 1) * AUDIT_PAGE_SIZE}
    )
    select a.id, a.action, a.entity_type, a.entity_id, a.before, a.after, a.ip_address, a.created_at, a.total,
      nullif(u.name, '') as actor_name, u.email as actor_email,
      coalesce(m.id, bm.id, am.id)::text as member_id,
      case a.entity_type
        when 'product_version' then ${name("v")}
        when 'product' then ${name("pn")}
        when 'product_variant' then ${name("pn")} || ' (' || pvar.sku || ')'
        when 'membership_application' then app.business_name
        when 'member' then m.business_name
        when 'member_bank_account' then bm.business_name
        when 'payment' then o.number
        when 'cooperative' then c.name
        when 'provider_account' then a.entity_id
      end as subject
    from page a
    left join users u on u.id = a.actor_user_id
    left join product_versions v on a.entity_type = 'product_version' and v.cooperative_id = a.cooperative_id and v.id = a.entity_uuid
    left join product_variants pvar on a.entity_type = 'product_variant' and pvar.cooperative_id = a.cooperative_id and pvar.id = a.entity_uuid
    left join lateral (
      select x.name_id, x.name_en from product_versions x
      where a.entity_type in ('product', 'product_variant') and x.cooperative_id = a.cooperative_id
        and x.product_id = coalesce(pvar.product_id, a.entity_uuid)
      order by (x.state = 'approved') desc, x.version_number desc limit 1
    ) pn on true
    left join membership_applications app on a.entity_type = 'membership_application' and app.cooperative_id = a.cooperative_id and app.id = a.entity_uuid
    left join members am on am.cooperative_id = app.cooperative_id and am.id = app.member_id
    left join members m on a.entity_type = 'member' and m.cooperative_id = a.cooperative_id and m.id = a.entity_uuid
    left join member_bank_accounts ba on a.entity_type = 'member_bank_account' and ba.cooperative_id = a.cooperative_id and ba.id = a.entity_uuid
    left join members bm on bm.cooperative_id = ba.cooperative_id and bm.id = ba.member_id
    left join payments pay on a.entity_type = 'payment' and pay.cooperative_id = a.cooperative_id and pay.id = a.entity_uuid
    left join orders o on o.cooperative_id = pay.cooperative_id and o.id = pay.order_id
    left join cooperatives c on a.entity_type = 'cooperative' and c.id = a.cooperative_id
    order by a.id desc`);
  const total = Number(rows[0]?.total ?? 0);
  const items: AuditStoryEntry[] = rows.map((row) => ({
    id: Number(row.id),
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    ipAddress: row.ip_address,
    createdAt: new Date(row.created_at),
    actorName: row.actor_name ?? row.actor_email,
    subject: row.subject,
    subjectHref: row.member_id
      ? `/admin/members/${row.member_id}`
      : row.entity_type === "product_version" && row.subject !== null
        ? `/admin/review/${row.entity_id}`
        : null,
  }));
  return { items, total, page: filter.page, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The people who appear in a cooperative's log, by name, for the filter's choices. */
export async function auditActors(db: Db, cooperativeId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.execute<{ id: string; name: string }>(sql`
    select u.id, coalesce(nullif(u.name, ''), u.email) as name
    from users u
    where u.id in (select distinct actor_user_id from audit_log where cooperative_id = ${cooperativeId} and actor_user_id is not null)
    order by 2`);
  return [...rows];
}
