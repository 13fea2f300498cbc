import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { catalogAdminErrors } from "~/modules/catalog/admin/errors";
import { createCategory, deleteCategory, reinstateCategory, renameCategory, reorderCategory, retireCategory } from "~/modules/catalog/admin/categories.server";
import {
  featureProduct,
  listAdminProducts,
  MAX_FEATURED,
  reorderFeatured,
  restoreProduct,
  takeDownProduct,
  unfeatureProduct,
} from "~/modules/catalog/admin/products.server";
import { categoryChoices, listMemberProducts } from "~/modules/catalog/listings/member-products.server";
import { listCategories, retiredCategoryForwarding, searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { buyableVariants } from "~/modules/catalog/shop/buyable.server";
import { listFeaturedProducts, listProducts } from "~/modules/catalog/shop/listing.server";
import { getProductDetail } from "~/modules/catalog/shop/product.server";
import { getShopPage, saveShopPage, shopPageSchema } from "~/modules/tenancy/shop-pages.server";
import { cachedPage, PageCache, pageKey, pageTags } from "../../server/page-cache/page-cache";
import { listenForPageChanges, type CacheListener } from "../../server/page-cache/invalidation";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";

/**
 * Catalog administration (decision 30) against real Postgres: categories retired rather than deleted with their
 * products moved in one transaction, featured products, take-downs that the whole shop obeys, the shop's own pages,
 * other cooperatives' ids refused as not found, and the page cache forgetting exactly what each change shows.
 */
let database: TestDatabase;
let a: string;
let b: string;
let manager: string;
const shop = { legalName: "Koperasi Wanita A", storyId: "Cerita kami.", storyEn: "Our story.", address: "Jl. Pantai Binor 1", phone: "+6281234567890", email: "halo@a.test" };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  const [user] = await database.sql<{ id: string }[]>`insert into users (email, name) values ('pengurus@a.test', 'Ibu Pengurus') returning id`;
  manager = user!.id;
});
afterAll(() => database.close());

const actA = () => ({ cooperativeId: a, actorUserId: manager, ipAddress: "127.0.0.1" });
const actB = () => ({ cooperativeId: b, actorUserId: manager });

async function categoryId(cooperativeId: string, slug: string) {
  const [row] = await database.sql<{ id: string }[]>`select id from categories where cooperative_id = ${cooperativeId} and slug = ${slug}`;
  return row!.id;
}
async function productRow(cooperativeId: string, slug: string) {
  const [row] = await database.sql<{ id: string; listed: boolean; category_id: string; variant_id: string }[]>`
    select p.id, p.listed, p.category_id, v.id as variant_id from products p join product_variants v on v.product_id = p.id
    where p.cooperative_id = ${cooperativeId} and p.slug = ${slug} order by v.sku limit 1`;
  return row!;
}
async function auditActions(entityId: string) {
  const rows = await database.sql<{ action: string }[]>`select action from audit_log where entity_id = ${entityId} order by id`;
  return rows.map((row) => row.action);
}
const page = (extra: { q?: string } = {}) => ({ sort: "popular" as const, page: 1, inStock: false, ...extra });

describe("categories", () => {
  it("creates a category at the end of the order with a free address, audited", async () => {
    const created = await createCategory(database.db, actA(), { nameId: "Keripik", nameEn: "Crisps", descriptionId: "", descriptionEn: "", kind: "food" });
    expect(created).toMatchObject({ ok: true, slug: "keripik-2" });
    if (!created.ok) return;
    expect(await auditActions(created.categoryId)).toEqual(["category.created"]);
    const slugs = (await listCategories(database.db, a, "id")).map((c) => c.slug);
    expect(slugs.at(-1)).toBe("keripik-2");
    // Empty and never used: it may go.
    expect(await deleteCategory(database.db, actA(), created.categoryId)).toMatchObject({ ok: true });
  });

  it("reorders by swapping neighbours", async () => {
    const before = (await listCategories(database.db, a, "id")).map((c) => c.slug);
    expect(await reorderCategory(database.db, actA(), await categoryId(a, before[1]!), "up")).toEqual({ ok: true, moved: true });
    const after = (await listCategories(database.db, a, "id")).map((c) => c.slug);
    expect(after).toEqual([before[1], before[0], ...before.slice(2)]);
  });

  it("renames in both languages and the products' search follows", async () => {
    const olahan = await categoryId(a, "olahan-laut");
    expect(await renameCategory(database.db, actA(), olahan, { nameId: "Hasil Laut", nameEn: "Ocean Goods", descriptionId: "", descriptionEn: "" })).toEqual({ ok: true, changed: true });
    const found = await listProducts(database.db, a, page({ q: "ocean" }), "en");
    expect(found.items.map((p) => p.slug)).toEqual(["abon-ikan-tongkol"]);
    expect(await auditActions(olahan)).toContain("category.renamed");
  });

  it("a category holding products is retired, not deleted, and needs somewhere to move them", async () => {
    const keripik = await categoryId(a, "keripik");
    expect(await deleteCategory(database.db, actA(), keripik)).toEqual({ ok: false, error: "category_in_use" });
    expect(catalogAdminErrors.category_in_use.status).toBe(409);
    expect(await retireCategory(database.db, actA(), keripik, null)).toEqual({ ok: false, error: "move_target_required" });
    // Food products cannot move into a craft category (their label facts would not fit).
    expect(await retireCategory(database.db, actA(), keripik, await categoryId(a, "batik"))).toEqual({ ok: false, error: "kind_mismatch" });
    // Another cooperative's category is no target.
    expect(await retireCategory(database.db, actA(), keripik, await categoryId(b, "keripik"))).toEqual({ ok: false, error: "move_target_invalid" });
    expect((await listCategories(database.db, a, "id")).map((c) => c.slug)).toContain("keripik");
  });

  it("retiring moves every product (live and drafts) in one transaction; the shop and the member's form forget it; its address forwards", async () => {
    const keripik = await categoryId(a, "keripik");
    const olahan = await categoryId(a, "olahan-laut");
    const balado = await productRow(a, "keripik-singkong-balado");
    // A draft waiting in the old category moves too.
    await database.sql`
      insert into product_versions (cooperative_id, product_id, version_number, state, category_id, name_id, weight_grams, length_mm, width_mm, height_mm)
      values (${a}, ${balado.id}, 99, 'draft', ${keripik}, 'Draf baru', 100, 10, 10, 10)`;
    const result = await retireCategory(database.db, actA(), keripik, olahan);
    expect(result).toEqual({ ok: true, movedProducts: 2 });
    const left = await database.sql`select 1 from product_versions where cooperative_id = ${a} and category_id = ${keripik} and state <> 'archived'`;
    expect(left).toHaveLength(0);
    expect((await productRow(a, "keripik-singkong-balado")).category_id).toBe(olahan);
    const shopSlugs = (await listCategories(database.db, a, "id")).map((c) => c.slug);
    expect(shopSlugs).not.toContain("keripik");
    expect((await listCategories(database.db, a, "id")).find((c) => c.slug === "olahan-laut")!.productCount).toBe(3);
    expect((await categoryChoices(database.db, a, "id")).map((c) => c.id)).not.toContain(keripik);
    expect((await searchSuggestions(database.db, a, "keripik", "id")).filter((s) => s.kind === "category")).toEqual([]);
    expect(await retiredCategoryForwarding(database.db, a, "keripik")).toEqual({ to: "olahan-laut" });
    expect(await retiredCategoryForwarding(database.db, a, "olahan-laut")).toBeUndefined();
    // The other cooperative's category of the same address is untouched.
    expect((await listCategories(database.db, b, "id")).map((c) => c.slug)).toEqual(["keripik"]);
    expect(await auditActions(keripik)).toContain("category.retired");
    expect(await retireCategory(database.db, actA(), keripik, olahan)).toEqual({ ok: false, error: "category_retired" });
    expect(await reinstateCategory(database.db, actA(), keripik)).toEqual({ ok: true });
    expect((await listCategories(database.db, a, "id")).find((c) => c.slug === "keripik")!.productCount).toBe(0);
  });

  it("another cooperative's category is not found, whatever the action", async () => {
    const theirs = await categoryId(b, "keripik");
    const text = { nameId: "Diambil", nameEn: "Taken", descriptionId: "", descriptionEn: "" };
    expect(await renameCategory(database.db, actA(), theirs, text)).toEqual({ ok: false, error: "category_not_found" });
    expect(await retireCategory(database.db, actA(), theirs, null)).toEqual({ ok: false, error: "category_not_found" });
    expect(await deleteCategory(database.db, actA(), theirs)).toEqual({ ok: false, error: "category_not_found" });
    expect(await reorderCategory(database.db, actA(), theirs, "up")).toEqual({ ok: false, error: "category_not_found" });
    expect(catalogAdminErrors.category_not_found.status).toBe(404);
    const [row] = await database.sql<{ name_id: string; retired_at: Date | null }[]>`select name_id, retired_at from categories where id = ${theirs}`;
    expect(row).toEqual({ name_id: "Keripik B", retired_at: null });
  });
});

describe("featured products and take-downs", () => {
  it("features listed products in order, bounded, and the home page shows them first", async () => {
    const abon = await productRow(a, "abon-ikan-tongkol");
    const batik = await productRow(a, "batik-tulis-mangga");
    expect(await featureProduct(database.db, actA(), batik.id)).toEqual({ ok: true, position: 1 });
    expect(await featureProduct(database.db, actA(), abon.id)).toEqual({ ok: true, position: 2 });
    expect((await listFeaturedProducts(database.db, a, "id", 8)).map((p) => p.slug)).toEqual(["batik-tulis-mangga", "abon-ikan-tongkol"]);
    expect(await reorderFeatured(database.db, actA(), abon.id, "up")).toEqual({ ok: true });
    expect((await listFeaturedProducts(database.db, a, "id", 8)).map((p) => p.slug)).toEqual(["abon-ikan-tongkol", "batik-tulis-mangga"]);
    expect(await unfeatureProduct(database.db, actA(), abon.id)).toEqual({ ok: true });
    expect((await listFeaturedProducts(database.db, a, "id", 8)).map((p) => p.slug)).toEqual(["batik-tulis-mangga"]);
    const [position] = await database.sql<{ featured_position: number }[]>`select featured_position from products where id = ${batik.id}`;
    expect(position!.featured_position).toBe(1);
    expect(await auditActions(abon.id)).toEqual(["product.featured", "product.featured_reordered", "product.unfeatured"]);
    // Another cooperative's product: not found; nothing featured there.
    const theirs = await productRow(b, "keripik-singkong-balado");
    expect(await featureProduct(database.db, actA(), theirs.id)).toEqual({ ok: false, error: "product_not_found" });
    expect(await listFeaturedProducts(database.db, b, "id", 8)).toEqual([]);
  });

  it("refuses past the bound and refuses a product that is not on sale", async () => {
    const [onSale] = await database.sql<{ id: string }[]>`select id from products where cooperative_id = ${b} and listed`;
    // B's list full: MAX_FEATURED products (not yet on sale themselves) hold every place.
    await database.sql`
      insert into products (cooperative_id, member_id, slug, featured_position)
      select cooperative_id, member_id, 'isi-' || n, n from products, generate_series(1, ${MAX_FEATURED}) n where id = ${onSale!.id}`;
    expect(await featureProduct(database.db, actB(), onSale!.id)).toEqual({ ok: false, error: "featured_full" });
    expect(catalogAdminErrors.featured_full.status).toBe(409);
    const [notOnSale] = await database.sql<{ id: string }[]>`select id from products where cooperative_id = ${b} and slug = 'isi-1'`;
    await unfeatureProduct(database.db, actB(), notOnSale!.id);
    expect(await featureProduct(database.db, actB(), notOnSale!.id)).toEqual({ ok: false, error: "not_listed" });
    expect(await featureProduct(database.db, actB(), onSale!.id)).toEqual({ ok: true, position: MAX_FEATURED });
  });

  it("a product taken down leaves every list, its page, search and checkout at once; the member reads why; a manager restores it", async () => {
    const balado = await productRow(a, "keripik-singkong-balado");
    await featureProduct(database.db, actA(), balado.id);
    const reason = "Penarikan: kemasan bocor pada kode produksi 0925.";
    expect(await takeDownProduct(database.db, actA(), balado.id, reason)).toEqual({ ok: true });
    expect((await productRow(a, "keripik-singkong-balado")).listed).toBe(false);
    expect((await listProducts(database.db, a, page(), "id")).items.map((p) => p.slug)).not.toContain("keripik-singkong-balado");
    expect((await listProducts(database.db, a, page({ q: "balado" }), "id")).total).toBe(0);
    expect(await getProductDetail(database.db, a, "keripik-singkong-balado", "id")).toBeUndefined();
    expect((await buyableVariants(database.db, a, [balado.variant_id])).size).toBe(0);
    expect((await listFeaturedProducts(database.db, a, "id", 8)).map((p) => p.slug)).not.toContain("keripik-singkong-balado");
    const [owner] = await database.sql<{ member_id: string }[]>`select member_id from products where id = ${balado.id}`;
    const memberId = owner!.member_id;
    const mine = (await listMemberProducts(database.db, a, memberId, "id")).find((p) => p.id === balado.id)!;
    expect(mine).toMatchObject({ status: "taken_down", takenDownReason: reason });
    const admin = await listAdminProducts(database.db, a, { q: "balado", filter: "taken_down", page: 1 }, "id");
    expect(admin.items.map((p) => [p.slug, p.status, p.takenDown?.reason])).toEqual([["keripik-singkong-balado", "taken_down", reason]]);
    expect(await takeDownProduct(database.db, actA(), balado.id, reason)).toEqual({ ok: false, error: "already_taken_down" });
    // The other cooperative's product of the same address is still on sale, and untouchable from here.
    expect(await getProductDetail(database.db, b, "keripik-singkong-balado", "id")).toBeDefined();
    const theirs = await productRow(b, "keripik-singkong-balado");
    expect(await takeDownProduct(database.db, actA(), theirs.id, reason)).toEqual({ ok: false, error: "product_not_found" });
    expect(await restoreProduct(database.db, actA(), theirs.id)).toEqual({ ok: false, error: "product_not_found" });

    expect(await restoreProduct(database.db, actA(), balado.id)).toEqual({ ok: true });
    expect((await productRow(a, "keripik-singkong-balado")).listed).toBe(true);
    expect((await buyableVariants(database.db, a, [balado.variant_id])).size).toBe(1);
    expect(await auditActions(balado.id)).toEqual(expect.arrayContaining(["product.taken_down", "product.restored"]));
    const [audit] = await database.sql<{ after: { reason: string } }[]>`select after from audit_log where entity_id = ${balado.id} and action = 'product.taken_down'`;
    expect(audit!.after.reason).toBe(reason);
  });

  it("a new version approved while a product is down does not bring it back", async () => {
    const abon = await productRow(a, "abon-ikan-tongkol");
    await takeDownProduct(database.db, actA(), abon.id, "Keraguan keamanan pangan: uji lab menunggu.");
    await database.sql`update products set live_version_id = live_version_id where id = ${abon.id}`;
    expect((await productRow(a, "abon-ikan-tongkol")).listed).toBe(false);
    await restoreProduct(database.db, actA(), abon.id);
  });
});

describe("the shop's own pages", () => {
  it("shows a default text until written, then the manager's text in each language, as paragraphs", async () => {
    const empty = await getShopPage(database.db, a, "returns", "id", shop);
    expect(empty.written).toBe(false);
    expect(empty.paragraphs.join(" ")).toContain("Koperasi Wanita A");
    expect((await getShopPage(database.db, a, "about", "en", shop)).paragraphs).toEqual(["Our story."]);
    const input = shopPageSchema.parse({ kind: "returns", bodyId: "Barang rusak? Kabari kami 3 hari.\r\n\r\nDana kembali 7 hari kerja.", bodyEn: "" });
    expect(await saveShopPage(database.db, actA(), input)).toEqual({ changed: true });
    expect(await saveShopPage(database.db, actA(), input)).toEqual({ changed: false });
    expect((await getShopPage(database.db, a, "returns", "id", shop)).paragraphs).toEqual(["Barang rusak? Kabari kami 3 hari.", "Dana kembali 7 hari kerja."]);
    // English not written: the Indonesian text rather than an empty page.
    expect((await getShopPage(database.db, a, "returns", "en", shop)).paragraphs[0]).toBe("Barang rusak? Kabari kami 3 hari.");
    expect((await getShopPage(database.db, b, "returns", "id", shop)).written).toBe(false);
    expect(await auditActions("returns")).toEqual(["shop_page.saved"]);
  });

  it("takes a map link only as an https address", () => {
    const map = (mapUrl: string) => shopPageSchema.safeParse({ kind: "pickup", mapUrl }).success;
    expect(map("https://maps.app.goo.gl/abc123")).toBe(true);
    expect(map("https://www.openstreetmap.org/#map=17/-7.71/113.5")).toBe(true);
    expect(map("")).toBe(true);
    expect(map("http://maps.google.com")).toBe(false);
    expect(map("javascript:alert(1)")).toBe(false);
    expect(map("https://user:pw@example.com")).toBe(false);
    expect(map("maps.google.com")).toBe(false);
  });
});

describe("page cache: exactly the pages each change shows", () => {
  const paths = ["/", "/products", "/c/olahan-laut", "/p/abon-ikan-tongkol", "/returns", "/tentang", "/ambil"];
  let cache: PageCache;
  let listener: CacheListener;

  beforeAll(async () => {
    cache = new PageCache(8 * 1024 * 1024);
    listener = await listenForPageChanges(database.sql, cache);
  });
  afterAll(() => listener.stop());
  beforeEach(async () => {
    await listener.caughtUp();
    cache.clear();
    for (const cooperativeId of [a, b]) {
      for (const path of paths) {
        const kept = cachedPage({ cooperativeId, headers: new Headers({ "Content-Type": "text/html" }), body: Buffer.from(path), tags: pageTags(path) });
        cache.put(pageKey(cooperativeId, "id", path, ""), kept, cache.generation(cooperativeId));
      }
    }
  });
  const kept = (cooperativeId: string) => paths.filter((path) => cache.get(pageKey(cooperativeId, "id", path, "")));

  it("featuring evicts the home page only", async () => {
    const abon = await productRow(a, "abon-ikan-tongkol");
    await featureProduct(database.db, actA(), abon.id);
    await listener.caughtUp();
    expect(kept(a)).toEqual(paths.filter((path) => path !== "/"));
    expect(kept(b)).toEqual(paths);
  });

  it("a take-down and a restore evict every page of the cooperative", async () => {
    const abon = await productRow(a, "abon-ikan-tongkol");
    await takeDownProduct(database.db, actA(), abon.id, "Penarikan produk oleh produsen.");
    await listener.caughtUp();
    expect(kept(a)).toEqual([]);
    expect(kept(b)).toEqual(paths);
    await restoreProduct(database.db, actA(), abon.id);
  });

  it("retiring a category evicts the cooperative's pages", async () => {
    const created = await createCategory(database.db, actA(), { nameId: "Sementara", nameEn: "Temporary", descriptionId: "", descriptionEn: "", kind: "craft" });
    await listener.caughtUp();
    expect(kept(a)).toEqual([]);
    expect(kept(b)).toEqual(paths);
    if (created.ok) await retireCategory(database.db, actA(), created.categoryId, null);
  });

  it("a shop page's text evicts that page only", async () => {
    await saveShopPage(database.db, actA(), shopPageSchema.parse({ kind: "pickup", bodyId: "Senin–Sabtu 08.00–16.00 WIB.", mapUrl: "https://maps.app.goo.gl/abc" }));
    await listener.caughtUp();
    expect(kept(a)).toEqual(paths.filter((path) => path !== "/ambil"));
    expect(kept(b)).toEqual(paths);
  });
});
