import { shownStock } from "./stock-shown";
import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageFromRow, type ImageRow, type ImageSources } from "~/modules/media/images";

export type ImageRole = "product" | "packaging_front" | "label_back" | "other";
import { listProducts, type ProductCard } from "./listing.server";
import { shopperMaySeeProduct } from "./shop-visibility";

export interface ProductVariantOption {
  id: string;
  sku: string;
  name: string;
  price: number;
  stock: number;
}

export interface ProductDetail {
  id: string;
  slug: string;
  name: string;
  description: string;
  kind: "food" | "craft";
  category: { slug: string; name: string };
  producer: {
    slug: string;
    /** Whether the producer's own page is shown (decision 28); the product is live, so only the profile decides. */
    pageShown: boolean;
    name: string;
    ownerName: string;
    village: string;
    district: string;
    regency: string;
    specialty: string;
    photo: ImageSources | null;
  };
  variants: ProductVariantOption[];
  images: (ImageSources & { role: ImageRole })[];
  label: {
    netQuantity: string;
    ingredients: string;
    allergens: string;
    registrationType: "pirt" | "bpom_md" | "bpom_ml" | "none";
    registrationNumber: string | null;
    halalCertificateNumber: string | null;
    shelfLifeDays: number | null;
    storage: string;
    producerAddress: string;
    material: string;
    sizeText: string;
    care: string;
  };
  weightGrams: number;
  publishedAt: Date | null;
  updatedAt: Date;
  moreFromProducer: ProductCard[];
}


/** Everything the product page shows, from the live version only, in one round of parallel queries. */
export async function getProductDetail(
  db: Db,
  cooperativeId: string,
  slug: string,
  locale: Locale,
): Promise<ProductDetail | undefined> {
  const live = sql`p.cooperative_id = ${cooperativeId} and p.slug = ${slug} and ${shopperMaySeeProduct}`;
  const [products, variants, images, more] = await Promise.all([
    db.execute<
      Record<string, unknown> & {
        id: string; slug: string; published_at: string | null; updated_at: string;
        name_id: string; name_en: string; description_id: string; description_en: string;
        weight_grams: number; net_quantity: string; ingredients_id: string; ingredients_en: string;
        allergens_id: string; allergens_en: string; registration_type: ProductDetail["label"]["registrationType"];
        registration_number: string | null; halal_certificate_number: string | null; shelf_life_days: number | null;
        storage_id: string; storage_en: string; producer_address: string; material_id: string; material_en: string;
        size_text: string; care_id: string; care_en: string;
        category_slug: string; category_name_id: string; category_name_en: string; kind: "food" | "craft";
        member_slug: string; producer_shown: boolean; business_name: string; owner_name: string; village: string; district: string;
        regency: string; specialty_id: string; specialty_en: string;
      } & ImageRow
    >(sql`
      select p.id, p.slug, p.published_at, v.updated_at, v.name_id, v.name_en, v.description_id, v.description_en,
        v.weight_grams, v.net_quantity, v.ingredients_id, v.ingredients_en, v.allergens_id, v.allergens_en,
        v.registration_type, v.registration_number, v.halal_certificate_number, v.shelf_life_days,
        v.storage_id, v.storage_en, v.producer_address, v.material_id, v.material_en, v.size_text, v.care_id, v.care_en,
        c.slug as category_slug, c.name_id as category_name_id, c.name_en as category_name_en, c.kind,
        m.slug as member_slug, (m.profile_confirmed_at is not null) as producer_shown, m.business_name, m.owner_name, m.village, m.district, m.regency,
        m.specialty_id, m.specialty_en,
        a.id as asset_id, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
      from products p
      join product_versions v on v.cooperative_id = p.cooperative_id and v.id = p.live_version_id
      join categories c on c.cooperative_id = v.cooperative_id and c.id = v.category_id
      join members m on m.cooperative_id = p.cooperative_id and m.id = p.member_id
      left join media_assets a on a.cooperative_id = m.cooperative_id and a.id = m.photo_asset_id
      where ${live}`),
    db.execute<{ id: string; sku: string; name_id: string; name_en: string; price: string; stock: number }>(sql`
      select pv.id, pv.sku, vv.name_id, vv.name_en, vv.price, pv.stock
      from products p
      join product_version_variants vv on vv.cooperative_id = p.cooperative_id and vv.version_id = p.live_version_id
      join product_variants pv on pv.cooperative_id = vv.cooperative_id and pv.id = vv.variant_id
      where ${live}
      order by vv.position, pv.sku`),
    db.execute<ImageRow & { role: ImageRole; alt_id: string; alt_en: string }>(sql`
      select i.role, i.alt_id, i.alt_en, a.id as asset_id, a.storage, a.storage_key, a.width, a.height, a.placeholder_color
      from products p
      join product_version_images i on i.cooperative_id = p.cooperative_id and i.version_id = p.live_version_id
      join media_assets a on a.cooperative_id = i.cooperative_id and a.id = i.asset_id
      where ${live}
      order by i.position`),
    listProducts(db, cooperativeId, { inStock: false, sort: "popular", page: 1 }, locale, {
      pageSize: 4,
      sameProducerAs: slug,
    }),
  ]);
  const row = products[0];
  if (!row) return undefined;
  const name = localized(locale, row.name_id, row.name_en);
  return {
    id: row.id,
    slug: row.slug,
    name,
    description: localized(locale, row.description_id, row.description_en),
    kind: row.kind,
    category: { slug: row.category_slug, name: localized(locale, row.category_name_id, row.category_name_en) },
    producer: {
      slug: row.member_slug,
      pageShown: row.producer_shown,
      name: row.business_name,
      ownerName: row.owner_name,
      village: row.village,
      district: row.district,
      regency: row.regency,
      specialty: localized(locale, row.specialty_id, row.specialty_en),
      photo: imageFromRow(row, cooperativeId, row.business_name, 320),
    },
    variants: variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      name: localized(locale, variant.name_id, variant.name_en),
      price: Number(variant.price),
      stock: shownStock(variant.stock),
    })),
    images: images.flatMap((image) => {
      const sources = imageFromRow(image, cooperativeId, localized(locale, image.alt_id, image.alt_en) || name, 960);
      return sources ? [{ ...sources, role: image.role }] : [];
    }),
    label: {
      netQuantity: row.net_quantity,
      ingredients: localized(locale, row.ingredients_id, row.ingredients_en),
      allergens: localized(locale, row.allergens_id, row.allergens_en),
      registrationType: row.registration_type,
      registrationNumber: row.registration_number,
      halalCertificateNumber: row.halal_certificate_number,
      shelfLifeDays: row.shelf_life_days,
      storage: localized(locale, row.storage_id, row.storage_en),
      producerAddress: row.producer_address,
      material: localized(locale, row.material_id, row.material_en),
      sizeText: row.size_text,
      care: localized(locale, row.care_id, row.care_en),
    },
    weightGrams: row.weight_grams,
    publishedAt: row.published_at ? new Date(row.published_at) : null,
    updatedAt: new Date(row.updated_at),
    moreFromProducer: more.items,
  };
}
