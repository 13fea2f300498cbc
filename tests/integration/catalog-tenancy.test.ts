import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getProducer, listCategories, listCategoryNames, listProducers, searchSuggestions, sitemapEntries } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { getProductDetail } from "~/modules/catalog/shop/product.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { cooperativeForHost } from "~/modules/tenancy/cooperative.server";
import { insertCooperativeWithHost } from "~/modules/tenancy/operator.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
});
afterAll(() => database.close());

const OTHER = /Koperasi Lain|Other Cooperative|Rahasia B|Keripik B|Chips B/;

describe("every catalog query is scoped to one cooperative", () => {
  it("resolves the cooperative from the host; an unknown host is sent to the default shop's own address, or is unknown", async () => {
    const shop = async (host: string) => {
      const match = await cooperativeForHost(database.db, host);
      return match.kind === "shop" ? match.cooperative : undefined;
    };
    expect((await shop("a.test:3000"))?.id).toBe(a);
    expect((await shop("B.TEST"))?.id).toBe(b);
    // Links are built from the configured address (PUBLIC_URL's scheme and port), whatever host was asked for.
    expect((await shop("B.TEST:8080"))?.origin).toBe("http://b.test:3000");
    expect(await cooperativeForHost(database.db, "unknown.test", "kopwan-b")).toEqual({ kind: "elsewhere", origin: "http://b.test:3000" });
    expect(await cooperativeForHost(database.db, "evil.example")).toEqual({ kind: "unknown" });
  });

  it("remembers what an unknown host got, yet a cooperative opened here is found by its host at once", async () => {
    expect(await cooperativeForHost(database.db, "kopwan-c.test")).toEqual({ kind: "unknown" });
    const opened = await insertCooperativeWithHost(database.db, { slug: "kopwan-c", name: "Koperasi C", legalName: "Koperasi C", regency: "Kota Batu", province: "Jawa Timur", host: "kopwan-c.test" });
    const match = await cooperativeForHost(database.db, "kopwan-c.test");
    expect(opened.ok && match.kind === "shop" && match.cooperative.id === opened.cooperativeId).toBe(true);
  });

  it("listings, filters and sorts never show another cooperative's products", async () => {
    for (const search of ["", "sort=popular", "category=keripik", "producer=dapur-bu-siti", "max=2000", "q=keripik", "q=lain"]) {
      const page = await listProducts(database.db, a, parseCatalogQuery(new URLSearchParams(search)), "id");
      expect(JSON.stringify(page)).not.toMatch(OTHER);
    }
    const other = await listProducts(database.db, b, parseCatalogQuery(new URLSearchParams("")), "id");
    expect(other.items.map((item) => item.name)).toEqual(["Keripik Singkong Koperasi Lain"]);
  });

  it("a product page by slug shows this cooperative's product, even when another uses the same slug", async () => {
    const product = await getProductDetail(database.db, a, "keripik-singkong-balado", "id");
    expect(product?.name).toBe("Keripik Singkong Balado");
    expect(JSON.stringify(product)).not.toMatch(OTHER);
    expect((await getProductDetail(database.db, b, "keripik-singkong-balado", "id"))?.name).toBe("Keripik Singkong Koperasi Lain");
    expect(await getProductDetail(database.db, b, "batik-tulis-mangga", "id")).toBeUndefined();
  });

  it("categories, producers, suggestions and the sitemap stay in their cooperative", async () => {
    expect(JSON.stringify(await listCategories(database.db, a, "en"))).not.toMatch(OTHER);
    expect(JSON.stringify(await listCategoryNames(database.db, a, "en"))).not.toMatch(OTHER);
    expect(JSON.stringify(await listProducers(database.db, a, "id"))).not.toMatch(OTHER);
    expect((await getProducer(database.db, a, "dapur-bu-siti", "id"))?.name).toBe("Dapur Bu Siti");
    expect(await getProducer(database.db, b, "batik-mawar", "id")).toBeUndefined();
    expect(JSON.stringify(await searchSuggestions(database.db, a, "keripik", "id"))).not.toMatch(OTHER);
    const paths = (await sitemapEntries(database.db, b)).map((entry) => entry.path);
    expect(paths).toEqual(["/c/keripik", "/p/keripik-singkong-balado", "/producers/dapur-bu-siti"]);
  });

  it("the database refuses a row that points into another cooperative", async () => {
    const [memberOfA] = await database.sql<{ id: string }[]>`select id from members where cooperative_id = ${a} limit 1`;
    await expect(
      database.sql`insert into products (cooperative_id, member_id, slug) values (${b}, ${memberOfA!.id}, 'menyusup')`,
    ).rejects.toThrow(/products_member_fk/);
  });
});
