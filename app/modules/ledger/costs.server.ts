import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client";
import { skuCosts } from "~db/schema";
import { parseRupiah } from "~/lib/money";
import type { ErrorTable, Refused } from "~/lib/results";

export const costErrors = {
  not_found: {
    status: 404,
    message: "money.cost.error.notFound",
    field: "variantId",
  },
} satisfies ErrorTable;
export type CostError = keyof typeof costErrors;

const amount = z
  .string()
  .transform((value) => parseRupiah(value))
  .refine(
    (value): value is number =>
      value !== null && value >= 0 && value <= 100_000_000,
    "money.cost.error.amount"
  );

/** The HPP form: a SKU of the member's, its material and packaging cost per unit, and the day it applies from. */
export const skuCostSchema = z.object({
  variantId: z.string().uuid("money.cost.error.variant"),
  materials: amount,
  packaging: amount,
  effectiveFrom: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "money.cost.error.date")
    .refine(
      (value) =>
        !Number.isNaN(Date.parse(value)) &&
        value >= "2000-01-01" &&
        value <= "2100-01-01",
      "money.cost.error.date"
    ),
});
export type SkuCostInput = z.output<typeof skuCostSchema>;

/**
 * Records what a SKU costs its maker from a day on (a second entry for the same day replaces the first: it is the
 * member's own bookkeeping, not money the cooperative owes). Only a SKU of the member's own products.
 */
export async function recordSkuCost(
  db: Db,
  input: SkuCostInput & {
    cooperativeId: string;
    memberId: string;
    userId: string;
  }
): Promise<{ ok: true } | Refused<CostError>> {
  const owned = await db.execute(sql`
    select 1 from product_variants v join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    where v.cooperative_id = ${input.cooperativeId} and v.id = ${input.variantId} and p.member_id = ${input.memberId}`);
  if (owned.length === 0) return { ok: false, error: "not_found" };
  await db
    .insert(skuCosts)
    .values({
      cooperativeId: input.cooperativeId,
      memberId: input.memberId,
      variantId: input.variantId,
      effectiveFrom: input.effectiveFrom,
      materials: input.materials,
      packaging: input.packaging,
      createdBy: input.userId,
    })
    .onConflictDoUpdate({
      target: [
        skuCosts.cooperativeId,
        skuCosts.variantId,
        skuCosts.effectiveFrom,
      ],
      set: {
        materials: input.materials,
        packaging: input.packaging,
        createdBy: input.userId,
        createdAt: new Date(),
      },
    });
  return { ok: true };
}

export interface SkuWithCost {
  variantId: string;
  sku: string;
  productName: string;
  variantName: string;
  /** The latest recorded cost (by the day it applies from), if any. */
  cost: { materials: number; packaging: number; effectiveFrom: string } | null;
}

/** The member's SKUs with their latest cost, by product name. */
export async function skusWithCost(
  db: Db,
  cooperativeId: string,
  memberId: string
): Promise<SkuWithCost[]> {
  const rows = await db.execute<{
    variant_id: string;
    sku: string;
    product_name: string;
    variant_name: string;
    materials: string | null;
    packaging: string | null;
    effective_from: string | null;
  }>(sql`
    select v.id as variant_id, v.sku, coalesce(pv.name_id, '') as product_name, coalesce(vv.name_id, '') as variant_name,
      c.materials, c.packaging, c.effective_from::text as effective_from
    from product_variants v
    join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    left join product_versions pv on pv.cooperative_id = p.cooperative_id
      and pv.id = coalesce(p.live_version_id, (select id from product_versions x where x.cooperative_id = p.cooperative_id and x.product_id = p.id order by x.created_at desc limit 1))
    left join product_version_variants vv on vv.version_id = pv.id and vv.variant_id = v.id
    left join lateral (
      select materials, packaging, effective_from from sku_costs c
      where c.cooperative_id = v.cooperative_id and c.variant_id = v.id order by effective_from desc limit 1
    ) c on true
    where v.cooperative_id = ${cooperativeId} and p.member_id = ${memberId}
    order by product_name, v.sku`);
  return rows.map((row) => ({
    variantId: row.variant_id,
    sku: row.sku,
    productName: row.product_name,
    variantName: row.variant_name,
    cost:
      row.materials === null
        ? null
        : {
            materials: Number(row.materials),
            packaging: Number(row.packaging),
            effectiveFrom: row.effective_from ?? "",
          },
  }));
}
