import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { effectiveFeeRateBp } from "~/lib/fees";
import { uuidPattern } from "~/lib/ids";
import { uuidArray } from "~/lib/sql-arrays.server";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";
import { joinCover, coverColumns } from "../cover.server";
import { shopperMaySee } from "./shop-visibility";

/** A variant as it can be bought now: its live name and price, its stock, its producer and what ships. */
export interface BuyableVariant {
  variantId: string;
  sku: string;
  stock: number;
  productId: string;
  productSlug: string;
  memberId: string;
  producerName: string;
  nameId: string;
  nameEn: string;
  variantNameId: string;
  variantNameEn: string;
  price: number;
  /** The fee rate that applies (`effectiveFeeRateBp`: the business's, else the category's, else the cooperative's), in basis points. */
  feeRateBp: number;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  cover: ImageRow;
}

type Row = {
  variant_id: string;
  sku: string;
  stock: number;
  product_id: string;
  product_slug: string;
  member_id: string;
  producer_name: string;
  name_id: string;
  name_en: string;
  variant_name_id: string;
  variant_name_en: string;
  price: string | number;
  cooperative_fee_rate_bp: number;
  category_fee_rate_bp: number | null;
  member_fee_rate_bp: number | null;
  weight_grams: number;
  length_mm: number;
  width_mm: number;
  height_mm: number;
} & ImageRow;

/**
 * The variants among `variantIds` a shopper may buy now (the shop's one visibility rule), read from the live
 * version. Stock is taken by a conditional update, not from this read. The ids go as one array parameter, so the
 * statement's text is the same for any cart and Postgres reuses its plan.
 */
export async function buyableVariants(db: Db, cooperativeId: string, variantIds: readonly string[]): Promise<Map<string, BuyableVariant>> {
  const ids = variantIds.filter((id) => uuidPattern.test(id));
  if (ids.length === 0) return new Map();
  const rows = await db.execute<Row>(sql`
    select v.id as variant_id, v.sku, v.stock, p.id as product_id, p.slug as product_slug, p.member_id,
      m.business_name as producer_name, pv.name_id, pv.name_en, vv.name_id as variant_name_id, vv.name_en as variant_name_en,
      vv.price, coop.fee_rate_bp as cooperative_fee_rate_bp, c.fee_rate_bp as category_fee_rate_bp, m.fee_rate_bp as member_fee_rate_bp,
      pv.weight_grams, pv.length_mm, pv.width_mm, pv.height_mm, ${coverColumns}
    from product_variants v
    join products p on p.cooperative_id = v.cooperative_id and p.id = v.product_id
    join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
    join product_versions pv on pv.cooperative_id = p.cooperative_id and pv.id = p.live_version_id
    join product_version_variants vv on vv.version_id = pv.id and vv.variant_id = v.id
    join categories c on c.cooperative_id = pv.cooperative_id and c.id = pv.category_id
    join cooperatives coop on coop.id = v.cooperative_id
    ${joinCover(sql`pv.cooperative_id`, sql`pv.id`)}
    where v.cooperative_id = ${cooperativeId}
      and v.id = any(${uuidArray(ids)})
      and ${shopperMaySee}`);
  return new Map(
    rows.map((row) => [
      row.variant_id,
      {
        variantId: row.variant_id,
        sku: row.sku,
        stock: row.stock,
        productId: row.product_id,
        productSlug: row.product_slug,
        memberId: row.member_id,
        producerName: row.producer_name,
        nameId: row.name_id,
        nameEn: row.name_en,
        variantNameId: row.variant_name_id,
        variantNameEn: row.variant_name_en,
        price: Number(row.price),
        feeRateBp: effectiveFeeRateBp({ cooperative: row.cooperative_fee_rate_bp, category: row.category_fee_rate_bp, member: row.member_fee_rate_bp }),
        weightGrams: row.weight_grams,
        lengthMm: row.length_mm,
        widthMm: row.width_mm,
        heightMm: row.height_mm,
        cover: row,
      },
    ]),
  );
}

/** The words and picture of a buyable variant in the shopper's language. */
export function describeVariant(variant: BuyableVariant, cooperativeId: string, locale: Locale): { name: string; variantName: string; image: ImageSources | null } {
  const name = localized(locale, variant.nameId, variant.nameEn);
  return {
    name,
    variantName: localized(locale, variant.variantNameId, variant.variantNameEn),
    image: imageFromRow(variant.cover, cooperativeId, name, 320),
  };
}
