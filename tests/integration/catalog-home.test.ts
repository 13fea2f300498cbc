import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadHome } from "~/modules/catalog/shop/home.server";
import { listHomeShelves, listProducts } from "~/modules/catalog/shop/listing.server";
import { cooperativeForHost } from "~/modules/tenancy/cooperative.server";
import { demoContent } from "../../db/seed/demo-content";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedCooperative } from "../support/factories";

/** The home page's shelves, read in one statement, hold what the listing shows for the same sort and filter. */
let database: TestDatabase;
let cooperativeId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  cooperativeId = await seedCooperative(database.db, database.mediaRoot, demoContent);
});
afterAll(() => database.close());

const slugs = (cards: { slug: string }[]) => cards.map((card) => card.slug);
const listing = (sort: "popular" | "newest", pageSize: number) =>
  listProducts(database.db, cooperativeId, { inStock: true, sort, page: 1 }, "en", { pageSize });

describe("the home page's shelves", () => {
  it("are the best sellers and the newest in stock as the listing sorts them, and the featured products in their order", async () => {
    // A manager features three products, the least popular first.
    await database.db.execute(sql`
      update products p set featured_position = f.position from (
        select id, row_number() over (order by units_sold, id) as position from products
        where cooperative_id = ${cooperativeId} and listed order by units_sold, id limit 3) f
      where p.id = f.id`);
    const featured = await database.db.execute<{ slug: string }>(sql`
      select slug from products where cooperative_id = ${cooperativeId} and listed and featured_position is not null order by featured_position limit 8`);
    // Something out of stock, so "in stock" is a real filter here.
    await database.db.execute(sql`
      update product_variants set stock = 0 where cooperative_id = ${cooperativeId} and id in (
        select vv.variant_id from products p join product_version_variants vv on vv.version_id = p.live_version_id
        where p.cooperative_id = ${cooperativeId} and p.listed order by p.units_sold desc, p.id limit 1)`);

    const shelves = await listHomeShelves(database.db, cooperativeId, "en", { featured: 8, popular: 8, newest: 4 });
    const popular = await listing("popular", 8);
    const newest = await listing("newest", 4);
    expect(slugs(shelves.popular)).toEqual(slugs(popular.items));
    expect(slugs(shelves.newest)).toEqual(slugs(newest.items));
    expect(shelves.popular).toEqual(popular.items);
    // "See all N products" names what the listing it links to holds: sold-out products too.
    expect(shelves.listed).toBe((await listProducts(database.db, cooperativeId, { inStock: false, sort: "popular", page: 1 }, "en")).total);
    expect(shelves.listed).toBeGreaterThan(popular.total);
    expect(slugs(shelves.featured)).toEqual(featured.map((row) => row.slug));
    expect(shelves.featured).toHaveLength(3);
    expect(shelves.popular).toHaveLength(8);
    expect(shelves.newest).toHaveLength(4);
  });

  it("are empty for a cooperative with nothing listed", async () => {
    const empty = await listHomeShelves(database.db, "00000000-0000-4000-8000-000000000000", "en", { featured: 8, popular: 8, newest: 4 });
    expect(empty).toEqual({ featured: [], popular: [], newest: [], listed: 0 });
  });

  it("carry only what the page shows: no producer's story, owner or member number, no category's description", async () => {
    const match = await cooperativeForHost(database.db, "localhost");
    if (match.kind !== "shop") throw new Error("the demo cooperative is the only one");
    const home = await loadHome(database.db, match.cooperative, "id");
    expect(home.producers.length).toBeGreaterThan(0);
    for (const producer of home.producers) expect(Object.keys(producer).sort()).toEqual(["district", "name", "photo", "productCount", "slug", "specialty", "village"]);
    expect(home.categories.length).toBeGreaterThan(0);
    for (const category of home.categories) expect(Object.keys(category).sort()).toEqual(["name", "photo", "productCount", "slug"]);
    expect(JSON.stringify(home)).not.toMatch(/AGT-\d|memberNumber|ownerName/);
  });
});
