import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, members, products, searchWords, users } from "../../db/schema";
import { decideListing } from "~/flows/decide-listing.server";
import { archiveProduct, createProduct, reviseProduct, saveDraft, submitVersion, type Draft } from "~/modules/catalog/listings/listings.server";
import { listCategories, listProducers, listTopProducers, searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { getProductDetail } from "~/modules/catalog/shop/product.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { LOW_STOCK, shownStock } from "~/modules/catalog/shop/stock-shown";
import { adjustStock } from "~/modules/inventory/stock.server";
import { createLocalAsset } from "~/modules/media/assets.server";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { allPassed } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/database";

/*
 * The listing fields kept on products by triggers (migration 0009, decision 23) follow every write that changes
 * them, through the real workflow: approval, a price change in a new version, stock, archive, a suspended producer.
 */
let database: TestDatabase;
let a: string;
let b: string;
let siti: string;
let curator: string;
let productId: string;
let draft: Draft;

const listA = (search: string) => listProducts(database.db, a, parseCatalogQuery(new URLSearchParams(search)), "id");
const slugsA = async (search: string) => (await listA(search)).items.map((item) => item.slug);
const words = async (cooperativeId: string) =>
  (await database.db.select().from(searchWords).where(eq(searchWords.cooperativeId, cooperativeId))).map((row) => row.word);
const fields = async () => (await database.db.select().from(products).where(eq(products.id, productId)))[0]!;
/** The counts of listed products by producer and category (decision 49) equal a recount of the listed products. */
const expectCountsKept = async () => {
  const kept = await database.db.execute<{ cooperative_id: string; category_id: string; member_id: string; n: string }>(sql`
    select cooperative_id, category_id, member_id, product_count as n from listed_product_counts order by 1, 2, 3`);
  const recounted = await database.db.execute<{ cooperative_id: string; category_id: string; member_id: string; n: string }>(sql`
    select cooperative_id, category_id, member_id, count(*) as n from products where listed group by 1, 2, 3 order by 1, 2, 3`);
  const rows = (result: typeof kept) => result.map((row) => [row.cooperative_id, row.category_id, row.member_id, Number(row.n)]);
  expect(rows(kept)).toEqual(rows(recounted));
  return rows(kept);
};
const countOf = async (memberId: string) =>
  (await expectCountsKept()).filter(([, , member]) => member === memberId).reduce((sum, row) => sum + (row[3] as number), 0);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  siti = (await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, "dapur-bu-siti"))))[0]!.id;
  curator = (await database.db.insert(users).values({ email: "kurator@a.test" }).returning())[0]!.id;
  const [keripik] = await database.db.select().from(categories).where(and(eq(categories.cooperativeId, a), eq(categories.slug, "keripik")));
  const photo = async (color: string) =>
    createLocalAsset(database.db, database.mediaRoot, a, await sharp({ create: { width: 64, height: 64, channels: 3, background: color } }).png().toBuffer());
  draft = {
    content: {
      categoryId: keripik!.id,
      nameId: "Rengginang Lorjuk",
      nameEn: "Razor Clam Rice Crackers",
      descriptionId: "Rengginang beras ketan dengan lorjuk Pesisir.",
      weightGrams: 150,
      lengthMm: 200,
      widthMm: 130,
      heightMm: 40,
      netQuantity: "100 g",
      ingredientsId: "Ketan, lorjuk, garam",
      registrationType: "pirt",
      registrationNumber: "206351301014799",
      halalCertificateNumber: "ID35130000102310999",
      shelfLifeDays: 180,
    },
    variants: [
      { sku: "LORJUK-100", nameId: "100 g", nameEn: "100 g", price: 20_000 },
      { sku: "LORJUK-250", nameId: "250 g", nameEn: "250 g", price: 45_000 },
    ],
    images: [
      { assetId: await photo("#c2562d"), role: "product" },
      { assetId: await photo("#19737a"), role: "packaging_front" },
      { assetId: await photo("#e0a526"), role: "label_back" },
    ],
  };
});
afterAll(() => database.close());

describe("listing fields kept on the product", () => {
  it("an approved product is listed with its category, prices and stock, and its words join the cooperative's list", async () => {
    const created = await createProduct(database.db, { cooperativeId: a, memberId: siti, slug: "rengginang-lorjuk", draft });
    if (!created.ok) throw new Error(created.error);
    productId = created.productId;
    expect(await fields()).toMatchObject({ listed: false, priceMin: null, inStock: false });
    expect(await words(a)).not.toContain("lorjuk");
    expect(await slugsA("q=lorjuk")).toEqual([]);

    expect(await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId: created.versionId, actorUserId: curator })).toEqual({ ok: true, state: "in_review" });
    expect(await decideListing(database.db, { cooperativeId: a, versionId: created.versionId, curatorUserId: curator, action: "approve", checklist: allPassed, comment: "" })).toEqual({ ok: true });

    expect(await fields()).toMatchObject({ listed: true, categoryId: draft.content.categoryId, priceMin: 20_000, priceMax: 45_000, inStock: false });
    expect(await slugsA("q=lorjuk")).toEqual(["rengginang-lorjuk"]);
    expect(await slugsA("category=keripik&sort=price_desc")).toContain("rengginang-lorjuk");
    expect(await slugsA("stock=1")).not.toContain("rengginang-lorjuk");
    expect(await words(a)).toEqual(expect.arrayContaining(["lorjuk", "rengginang"]));
    expect(await words(b)).not.toContain("lorjuk");
  });

  it("the approval adds the product to its producer's count in its category; the listing's total and filters read it", async () => {
    const counted = await countOf(siti);
    expect(counted).toBeGreaterThan(1);
    const page = await listProducts(database.db, a, parseCatalogQuery(new URLSearchParams("producer=dapur-bu-siti")), "id", { facets: true });
    expect(page.total).toBe(counted);
    expect(page.facets!.producers.find((p) => p.slug === "dapur-bu-siti")?.count).toBe(counted);
    expect((await listProducers(database.db, a, "id")).producers.find((p) => p.slug === "dapur-bu-siti")?.productCount).toBe(counted);
  });

  it("the typo of a word that just went live is corrected to it", async () => {
    const page = await listA("q=lorjk");
    expect(page.items.map((item) => item.slug)).toEqual(["rengginang-lorjuk"]);
    expect(page.correctedQuery).toBe("lorjuk");
    expect((await searchSuggestions(database.db, a, "rengginag", "id")).map((s) => s.href)).toContain("/p/rengginang-lorjuk");
  });

  it("stock arriving and selling out moves the product in and out of the in-stock listing", async () => {
    const variant = (await getProductDetail(database.db, a, "rengginang-lorjuk", "id"))!.variants[0]!;
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: 5, reason: "received" })).toMatchObject({ ok: true });
    expect((await fields()).inStock).toBe(true);
    expect(await slugsA("stock=1")).toContain("rengginang-lorjuk");
    expect((await listA("q=lorjuk")).items[0]?.stock).toBe(5);
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: -5, reason: "damaged" })).toMatchObject({ ok: true });
    expect((await fields()).inStock).toBe(false);
    expect(await slugsA("stock=1")).not.toContain("rengginang-lorjuk");
  });

  it("a sale that empties a product writes no count (checkout never waits on them)", async () => {
    const variant = (await getProductDetail(database.db, a, "rengginang-lorjuk", "id"))!.variants[0]!;
    const version = async () =>
      (await database.db.execute<{ xmin: string }>(sql`
        select xmin::text from listed_product_counts where cooperative_id = ${a} and member_id = ${siti} and category_id = ${draft.content.categoryId}`))[0]!.xmin;
    const before = await version();
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: 2, reason: "received" })).toMatchObject({ ok: true });
    expect(await adjustStock(database.db, { cooperativeId: a, variantId: variant.id, delta: -2, reason: "damaged" })).toMatchObject({ ok: true });
    expect(await version()).toBe(before);
    await expectCountsKept();
  });

  it("a live version moved to another category moves its count, and back", async () => {
    const [batik] = await database.db.select().from(categories).where(and(eq(categories.cooperativeId, a), eq(categories.slug, "batik")));
    const move = (categoryId: string) => database.db.execute(sql`
      update product_versions set category_id = ${categoryId} where id = (select live_version_id from products where id = ${productId})`);
    const inCategory = async (slug: string) =>
      (await listProducts(database.db, a, parseCatalogQuery(new URLSearchParams(`category=${slug}`)), "id", { facets: true })).facets!.categories.find((c) => c.slug === slug)?.count ?? 0;
    const [keripikBefore, batikBefore] = [await inCategory("keripik"), await inCategory("batik")];
    await move(batik!.id);
    expect([await inCategory("keripik"), await inCategory("batik")]).toEqual([keripikBefore - 1, batikBefore + 1]);
    await expectCountsKept();
    await move(draft.content.categoryId);
    expect([await inCategory("keripik"), await inCategory("batik")]).toEqual([keripikBefore, batikBefore]);
  });

  it("the stock a card shows is the live version's variants summed: the count while low, else plenty", async () => {
    const [small, large] = (await getProductDetail(database.db, a, "rengginang-lorjuk", "id"))!.variants;
    const move = async (variantId: string, delta: number) =>
      expect(await adjustStock(database.db, { cooperativeId: a, variantId, delta, reason: delta > 0 ? "received" : "damaged" })).toMatchObject({ ok: true });
    const shown = async () => ({ kept: (await fields()).stockShown, card: (await listA("q=lorjuk")).items[0]?.stock });
    await move(small!.id, 3);
    expect(await shown()).toEqual({ kept: 3, card: 3 });
    await move(large!.id, 2);
    expect(await shown()).toEqual({ kept: 5, card: 5 });
    await move(large!.id, 10);
    expect(await shown()).toEqual({ kept: LOW_STOCK + 1, card: LOW_STOCK + 1 });
    // Each variant's own stock moves while the total stays plenty, then the total turns low.
    await move(small!.id, -3);
    expect(await shown()).toEqual({ kept: LOW_STOCK + 1, card: LOW_STOCK + 1 });
    await move(large!.id, -8);
    expect(await shown()).toEqual({ kept: 4, card: 4 });
    await move(large!.id, -4);
    expect(await shown()).toEqual({ kept: 0, card: 0 });
    expect((await fields()).inStock).toBe(false);
  });

  it("the database's shown_stock is the shop's shownStock", async () => {
    const counts = Array.from({ length: 12 }, (_, index) => index - 1);
    const [row] = await database.db.execute<{ shown: number[] }>(
      sql`select array(select shown_stock(n) from unnest(${`{${counts.join(",")}}`}::int[]) n) as shown`,
    );
    expect(row!.shown).toEqual(counts.map(shownStock));
  });

  it("a price change in a new version moves the prices when it goes live, not before", async () => {
    const revised = await reviseProduct(database.db, { cooperativeId: a, memberId: siti, productId });
    if (!revised.ok) throw new Error(revised.error);
    const current = (await getProductDetail(database.db, a, "rengginang-lorjuk", "id"))!;
    const variants = current.variants.map((v) => ({ variantId: v.id, sku: v.sku, nameId: v.name, nameEn: v.name, price: v.price + 1_000 }));
    await saveDraft(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, draft: { ...draft, variants } });
    expect(await fields()).toMatchObject({ priceMin: 20_000, priceMax: 45_000 });
    expect(await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, actorUserId: curator })).toEqual({ ok: true, state: "approved" });
    expect(await fields()).toMatchObject({ listed: true, priceMin: 21_000, priceMax: 46_000 });
    expect(await slugsA("min=21000&max=21000")).toEqual(["rengginang-lorjuk"]);
  });

  it("a suspended producer's products leave the listing, search, counts and word list, and come back", async () => {
    const suspend = (status: "active" | "suspended") =>
      database.db.update(members).set({ status }).where(and(eq(members.cooperativeId, a), eq(members.id, siti)));
    await suspend("suspended");
    expect(await slugsA("")).toEqual(["batik-tulis-mangga"]);
    expect(await slugsA("q=lorjuk")).toEqual([]);
    expect(await words(a)).not.toContain("lorjuk");
    expect((await listCategories(database.db, a, "id")).find((c) => c.slug === "keripik")?.productCount).toBe(0);
    expect((await listTopProducers(database.db, a, "id", 10)).map((p) => p.slug)).toEqual(["batik-mawar"]);
    expect(await countOf(siti)).toBe(0);
    expect((await listProducers(database.db, a, "id")).producers.map((p) => p.slug)).toEqual(["batik-mawar"]);
    await suspend("active");
    expect(await countOf(siti)).toBeGreaterThan(0);
    expect(await slugsA("q=lorjuk")).toEqual(["rengginang-lorjuk"]);
    expect(await words(a)).toContain("lorjuk");
  });

  it("archiving takes the product out of the listing and its words out of the list", async () => {
    expect(await archiveProduct(database.db, { cooperativeId: a, memberId: siti, productId, actorUserId: curator })).toEqual({ ok: true });
    expect(await fields()).toMatchObject({ listed: false });
    expect(await slugsA("q=lorjuk")).toEqual([]);
    expect(await slugsA("q=lorjk")).toEqual([]);
    expect(await words(a)).not.toContain("lorjuk");
    // Words other listed products still hold stay.
    expect(await words(a)).toContain("keripik");
  });

  it("keeps the counts by producer and category equal to the listed products", async () => {
    expect((await expectCountsKept()).length).toBeGreaterThan(2);
  });

  it("keeps the counts exact when archives, restores and a suspension race", async () => {
    const listed = await database.db.select({ id: products.id }).from(products).where(and(eq(products.cooperativeId, a), eq(products.listed, true)));
    expect(listed.length).toBeGreaterThan(2);
    const archive = (id: string, archivedAt: Date | null) => database.db.update(products).set({ archivedAt }).where(eq(products.id, id));
    const status = (value: "active" | "suspended") =>
      database.db.update(members).set({ status: value }).where(and(eq(members.cooperativeId, a), eq(members.id, siti)));
    const before = await expectCountsKept();
    await Promise.all([...listed.map(({ id }) => archive(id, new Date())), status("suspended")]);
    expect((await expectCountsKept()).filter(([cooperative]) => cooperative === a)).toEqual([]);
    await Promise.all([...listed.map(({ id }) => archive(id, null)), status("active")]);
    expect(await expectCountsKept()).toEqual(before);
  });

  it("keeps the word list equal to the words of the listed products", async () => {
    const rebuilt = await database.db.execute<{ cooperative_id: string; word: string; n: string }>(sql`
      select p.cooperative_id, w as word, count(*) as n from products p, unnest(search_words_of(p.search_document)) w
      where p.listed group by 1, 2 order by 1, 2`);
    const kept = await database.db.execute<{ cooperative_id: string; word: string; n: string }>(sql`
      select cooperative_id, word, product_count as n from search_words order by 1, 2`);
    expect(kept.map((row) => [row.cooperative_id, row.word, Number(row.n)])).toEqual(rebuilt.map((row) => [row.cooperative_id, row.word, Number(row.n)]));
  });
});

describe("typo correction stays within the cooperative", () => {
  it("a word only another cooperative's product holds never corrects this cooperative's search", async () => {
    // "rahasia" is in cooperative B's producer name only.
    expect(await words(b)).toContain("rahasia");
    expect(await words(a)).not.toContain("rahasia");
    const page = await listA("q=rahasiq");
    expect(page.items).toEqual([]);
    expect(page.correctedQuery).toBeUndefined();
    expect(await searchSuggestions(database.db, a, "rahasiq", "id")).toEqual([]);
    expect((await listProducts(database.db, b, parseCatalogQuery(new URLSearchParams("q=rahasiq")), "id")).items.map((item) => item.slug)).toEqual([
      "keripik-singkong-balado",
    ]);
  });
});

describe("producers, bounded", () => {
  it("the top producers are at most the limit, most products first; /producers lists only those with a live product", async () => {
    await database.db.insert(members).values(
      Array.from({ length: 60 }, (_, index) => ({
        cooperativeId: a,
        memberNumber: `X-${index}`,
        slug: `produsen-${index}`,
        businessName: `Produsen ${String(index).padStart(2, "0")}`,
        ownerName: "Ibu",
      })),
    );
    const top = await listTopProducers(database.db, a, "id", 6);
    expect(top.map((p) => p.slug)).toEqual(["dapur-bu-siti", "batik-mawar"]);
    // The 60 new members have no live product yet, so shoppers do not see them (decision 28).
    const first = await listProducers(database.db, a, "id", 1);
    expect(first.total).toBe(2);
    expect(first.producers.map((p) => p.slug).sort()).toEqual(["batik-mawar", "dapur-bu-siti"]);
    expect(first.pageCount).toBe(1);
  });
});
