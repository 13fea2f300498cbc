import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { buyableVariants, type BuyableVariant } from "./buyable.server";
import { shopperMaySee } from "./shop-visibility";
import { escapeLike } from "~/lib/sql-like";

const MAX_RESULTS = 20;

/**
 * What the outlet counter can sell for what staff typed or scanned: the variant whose SKU it is first (a scanner
 * types the whole SKU), then variants whose SKU starts with it or whose product name holds it. Only what the shop
 * sells now (the same rule as checkout), stock included so the counter can show "sold out".
 */
export async function findForCounter(db: Db, cooperativeId: string, query: string): Promise<BuyableVariant[]> {
  const typed = query.trim().slice(0, 80);
  if (typed.length === 0) return [];
  const pattern = `%${escapeLike(typed)}%`;
  const prefix = `${escapeLike(typed)}%`;
  const rows = await db.execute<{ id: string }>(sql`
    select v.id
    from product_variants v
    join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
    join product_versions pv on pv.cooperative_id = p.cooperative_id and pv.id = p.live_version_id
    where v.cooperative_id = ${cooperativeId} and ${shopperMaySee}
      and (upper(v.sku) like upper(${prefix}) or pv.name_id ilike ${pattern} or pv.name_en ilike ${pattern})
    order by upper(v.sku) = upper(${typed}) desc, pv.name_id, v.sku
    limit ${MAX_RESULTS}`);
  const ids = rows.map((row) => row.id);
  const variants = await buyableVariants(db, cooperativeId, ids);
  return ids.flatMap((id) => variants.get(id) ?? []);
}

/** The one variant a scanned SKU names exactly (any case), if the shop sells it now. */
export async function variantBySku(db: Db, cooperativeId: string, sku: string): Promise<BuyableVariant | undefined> {
  const [first] = await findForCounter(db, cooperativeId, sku);
  return first && first.sku.toUpperCase() === sku.trim().toUpperCase() ? first : undefined;
}
