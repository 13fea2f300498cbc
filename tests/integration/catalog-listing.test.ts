import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members, productVersions, products } from "../../db/schema";
import { listCategories, listProducers, searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { getProductDetail } from "~/modules/catalog/shop/product.server";
import { parseCatalogQuery, type CatalogQuery } from "~/modules/catalog/shop/query";
import { refreshSearchDocuments } from "~/modules/catalog/shop/search.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let cooperativeA: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a: cooperativeA } = await seedTwoCooperatives(database));
});
afterAll(() => database.close());

const query = (search: string): CatalogQuery => parseCatalogQuery(new URLSearchParams(search));
const slugs = async (search: string, pageSize?: number) =>
  (await listProducts(database.db, cooperativeA, query(search), "id", { pageSize })).items.map((item) => item.slug);

describe("product listing", () => {
  it("lists the cooperative's live products, best sellers first by default", async () => {
    expect(await slugs("")).toEqual(["keripik-pisang", "keripik-singkong-balado", "abon-ikan-tongkol", "batik-tulis-mangga"]);
  });

  it("filters by category and by producer", async () => {
    expect(await slugs("category=keripik")).toEqual(["keripik-pisang", "keripik-singkong-balado"]);
    expect(await slugs("producer=batik-mawar")).toEqual(["batik-tulis-mangga"]);
    expect(await slugs("category=batik&producer=dapur-bu-siti")).toEqual([]);
  });

  it("filters by price range on the lowest variant price, whichever way round the bounds come", async () => {
    expect(await slugs("min=15000&max=20000&sort=price_asc")).toEqual(["keripik-pisang", "keripik-singkong-balado"]);
    expect(await slugs("min=20000&max=15000&sort=price_asc")).toEqual(["keripik-pisang", "keripik-singkong-balado"]);
    expect(await slugs("min=100000")).toEqual(["batik-tulis-mangga"]);
  });

  it("hides sold-out products when asked, counting stock across variants", async () => {
    expect(await slugs("stock=1")).not.toContain("keripik-pisang");
    expect(await slugs("stock=1")).toHaveLength(3);
  });

  it("sorts by newest, price and popularity", async () => {
    expect(await slugs("sort=newest")).toEqual(["abon-ikan-tongkol", "keripik-singkong-balado", "keripik-pisang", "batik-tulis-mangga"]);
    expect(await slugs("sort=price_desc")).toEqual(["batik-tulis-mangga", "abon-ikan-tongkol", "keripik-singkong-balado", "keripik-pisang"]);
  });

  it("reports price ranges and stock summed over variants", async () => {
    const page = await listProducts(database.db, cooperativeA, query("category=keripik"), "en");
    const pisang = page.items.find((item) => item.slug === "keripik-pisang");
    expect(pisang).toMatchObject({ name: "Sweet Banana Chips", priceMin: 15_000, priceMax: 30_000, stock: 0 });
    expect(pisang?.producer).toEqual({ name: "Dapur Bu Siti", village: expect.any(String) });
  });

  it("paginates with a total, and an empty page past the end still knows the total", async () => {
    const first = await listProducts(database.db, cooperativeA, query(""), "id", { pageSize: 3 });
    expect(first).toMatchObject({ total: 4, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(3);
    const second = await listProducts(database.db, cooperativeA, query("page=2"), "id", { pageSize: 3 });
    expect(second.items.map((item) => item.slug)).toEqual(["batik-tulis-mangga"]);
    const beyond = await listProducts(database.db, cooperativeA, query("page=9"), "id", { pageSize: 3 });
    expect(beyond).toMatchObject({ items: [], total: 4, pageCount: 2 });
  });

  it("shows only approved versions: a newer draft's text is neither listed nor searchable", async () => {
    const [product] = await database.db
      .select()
      .from(products)
      .where(and(eq(products.cooperativeId, cooperativeA), eq(products.slug, "keripik-singkong-balado")));
    const [live] = await database.db.select().from(productVersions).where(eq(productVersions.id, product!.liveVersionId!));
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = live!;
    await database.db.insert(productVersions).values({ ...copy, versionNumber: 2, state: "draft", nameId: "Rahasia Draf Baru" });
    await refreshSearchDocuments(database.db, cooperativeA, { productId: product!.id });

    const listed = await listProducts(database.db, cooperativeA, query("category=keripik"), "id");
    expect(listed.items.map((item) => item.name)).toContain("Keripik Singkong Balado");
    expect(listed.items.map((item) => item.name)).not.toContain("Rahasia Draf Baru");
    expect(await slugs("q=rahasia")).toEqual([]);
  });

  it("hides products that were never approved", async () => {
    const [product] = await database.db
      .select()
      .from(products)
      .where(and(eq(products.cooperativeId, cooperativeA), eq(products.slug, "batik-tulis-mangga")));
    await database.db.transaction(async (tx) => {
      await tx.update(products).set({ liveVersionId: null }).where(eq(products.id, product!.id));
      expect(
        (await listProducts(tx, cooperativeA, query(""), "id")).items.map((item) => item.slug),
      ).not.toContain("batik-tulis-mangga");
      tx.rollback();
    }).catch((error: unknown) => {
      if (!String(error).includes("Rollback")) throw error;
    });
  });

  it("hides the products of a suspended member everywhere a shopper looks", async () => {
    expect(await getProductDetail(database.db, cooperativeA, "batik-tulis-mangga", "id")).toBeDefined();
    await database.db.transaction(async (tx) => {
      await tx.update(members).set({ status: "suspended" }).where(and(eq(members.cooperativeId, cooperativeA), eq(members.slug, "batik-mawar")));
      expect((await listProducts(tx, cooperativeA, query(""), "id")).total).toBe(3);
      expect(await getProductDetail(tx, cooperativeA, "batik-tulis-mangga", "id")).toBeUndefined();
      expect((await listCategories(tx, cooperativeA, "id")).find((c) => c.slug === "batik")?.productCount ?? 0).toBe(0);
      expect((await searchSuggestions(tx, cooperativeA, "batik", "id")).map((s) => s.kind)).not.toContain("product");
      expect((await listProducers(tx, cooperativeA, "id")).producers.map((producer) => producer.slug)).not.toContain("batik-mawar");
      tx.rollback();
    }).catch((error: unknown) => {
      if (!String(error).includes("Rollback")) throw error;
    });
    expect((await listProducts(database.db, cooperativeA, query(""), "id")).total).toBe(4);
  });

  it("never fails on odd input: unknown slugs, huge pages, injection-looking text", async () => {
    for (const search of ["category=tidak-ada", "page=1000", "q=%27%3B%20drop%20table%20products%3B--", "q=%E2%9C%A8%F0%9F%8D%8C", "q=a%00b"]) {
      const page = await listProducts(database.db, cooperativeA, query(search), "id");
      expect(page.items.length).toBeLessThanOrEqual(page.total);
    }
    const [{ count }] = (await database.db.execute(sql`select count(*)::int as count from products`)) as unknown as [{ count: number }];
    expect(count).toBe(5);
  });
});
