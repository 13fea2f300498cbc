import { category, cooperativeContent, member, product, seedCooperative, variant } from "./factories";
import type { TestDatabase } from "./database";

/**
 * Two cooperatives on one database. B reuses A's slugs on purpose: a query that forgets its
 * cooperative shows B's rows (or the wrong one of two) in A's shop.
 */
export async function seedTwoCooperatives(database: TestDatabase) {
  const a = await seedCooperative(
    database.db,
    database.mediaRoot,
    cooperativeContent("kopwan-a", {
      hosts: ["a.test"],
      categories: [
        category({ slug: "keripik", nameId: "Keripik", nameEn: "Chips" }),
        category({ slug: "olahan-laut", nameId: "Olahan Laut", nameEn: "Seafood" }),
        category({ slug: "batik", kind: "craft", nameId: "Batik & Kain", nameEn: "Batik & Cloth" }),
      ],
      members: [
        member({ slug: "dapur-bu-siti", businessName: "Dapur Bu Siti" }),
        member({ slug: "batik-mawar", businessName: "Batik Mawar Paiton" }),
      ],
      products: [
        product({
          slug: "keripik-singkong-balado",
          memberSlug: "dapur-bu-siti",
          categorySlug: "keripik",
          nameId: "Keripik Singkong Balado",
          nameEn: "Spicy Cassava Chips",
          descriptionId: "Singkong renyah dengan bumbu balado pedas manis.",
          descriptionEn: "Crunchy cassava with a sweet and spicy balado seasoning.",
          variants: [variant({ price: 18_000, stock: 20 })],
          unitsSold: 50,
          publishedDaysAgo: 5,
        }),
        product({
          slug: "keripik-pisang",
          memberSlug: "dapur-bu-siti",
          categorySlug: "keripik",
          nameId: "Keripik Pisang Manis",
          nameEn: "Sweet Banana Chips",
          variants: [
            variant({ nameId: "100 g", nameEn: "100 g", price: 15_000, stock: 0 }),
            variant({ nameId: "250 g", nameEn: "250 g", price: 30_000, stock: 0 }),
          ],
          unitsSold: 100,
          publishedDaysAgo: 30,
        }),
        product({
          slug: "abon-ikan-tongkol",
          memberSlug: "dapur-bu-siti",
          categorySlug: "olahan-laut",
          nameId: "Abon Ikan Tongkol",
          nameEn: "Tuna Floss",
          descriptionId: "Abon gurih untuk teman nasi.",
          descriptionEn: "Savoury fish floss, served café style on warm rice.",
          variants: [variant({ price: 45_000, stock: 7 })],
          unitsSold: 10,
          publishedDaysAgo: 1,
        }),
        product({
          slug: "batik-tulis-mangga",
          memberSlug: "batik-mawar",
          categorySlug: "batik",
          nameId: "Batik Tulis Motif Mangga",
          nameEn: "Hand-drawn Mango Batik",
          registrationType: "none",
          registrationNumber: null,
          halalCertificateNumber: null,
          variants: [variant({ price: 350_000, stock: 3 })],
          unitsSold: 5,
          publishedDaysAgo: 60,
        }),
      ],
    }),
  );
  const b = await seedCooperative(
    database.db,
    database.mediaRoot,
    cooperativeContent("kopwan-b", {
      hosts: ["b.test"],
      categories: [category({ slug: "keripik", nameId: "Keripik B", nameEn: "Chips B" })],
      members: [member({ slug: "dapur-bu-siti", businessName: "Produsen Rahasia B" })],
      products: [
        product({
          slug: "keripik-singkong-balado",
          memberSlug: "dapur-bu-siti",
          categorySlug: "keripik",
          nameId: "Keripik Singkong Koperasi Lain",
          nameEn: "Other Cooperative Chips",
          variants: [variant({ price: 1_000, stock: 99 })],
          unitsSold: 999,
        }),
      ],
    }),
  );
  return { a, b };
}

/** The first variant (by SKU) of a product, with its stock. */
export async function variantOf(database: TestDatabase, cooperativeId: string, productSlug: string) {
  const [row] = await database.sql<{ id: string; stock: number }[]>`
    select v.id, v.stock from product_variants v join products p on p.id = v.product_id
    where v.cooperative_id = ${cooperativeId} and p.slug = ${productSlug} order by v.sku limit 1`;
  return row!;
}

export async function setStock(database: TestDatabase, variantId: string, stock: number) {
  await database.sql`update product_variants set stock = ${stock} where id = ${variantId}`;
}
