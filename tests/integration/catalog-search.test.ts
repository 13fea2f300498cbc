import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { searchWords } from "~db/schema";
import { searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { listedWordsBeginning } from "~/modules/catalog/shop/search.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let cooperativeA: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a: cooperativeA } = await seedTwoCooperatives(database));
});
afterAll(() => database.close());

async function search(q: string, locale: "id" | "en" = "id") {
  const page = await listProducts(database.db, cooperativeA, parseCatalogQuery(new URLSearchParams({ q })), locale);
  return page.items.map((item) => item.slug);
}

describe("search", () => {
  it("finds products by Indonesian and English names, by prefix", async () => {
    expect(await search("keripik")).toEqual(expect.arrayContaining(["keripik-singkong-balado", "keripik-pisang"]));
    expect(await search("banana chips")).toEqual(["keripik-pisang"]);
    expect(await search("singk")).toEqual(["keripik-singkong-balado"]);
  });

  it("forgives typos", async () => {
    expect(await search("keripk")).toEqual(expect.arrayContaining(["keripik-singkong-balado", "keripik-pisang"]));
    expect(await search("singkon baladu")).toEqual(["keripik-singkong-balado"]);
    expect(await search("tongkl")).toEqual(["abon-ikan-tongkol"]);
  });

  it("ignores accents on both sides", async () => {
    expect(await search("kéripik pisang")).toEqual(["keripik-pisang"]);
    expect(await search("cafe")).toEqual(["abon-ikan-tongkol"]);
  });

  it("searches descriptions and producer names", async () => {
    expect(await search("balado pedas")).toEqual(["keripik-singkong-balado"]);
    expect(await search("savoury")).toEqual(["abon-ikan-tongkol"]);
    expect(await search("mawar")).toEqual(["batik-tulis-mangga"]);
  });

  it("ranks the closest match first", async () => {
    expect((await search("keripik pisang"))[0]).toBe("keripik-pisang");
  });

  it("returns nothing, not an error, for nonsense or symbol-only queries", async () => {
    expect(await search("zzzzqqqq")).toEqual([]);
    expect(await search("!!! ---")).toEqual([]);
    expect(await search("&|:*()'")).toEqual([]);
  });

  it("suggests products, categories and producers as the shopper types", async () => {
    const suggestions = await searchSuggestions(database.db, cooperativeA, "kerip", "en");
    expect(suggestions.map((s) => s.href)).toEqual(
      expect.arrayContaining(["/p/keripik-singkong-balado", "/p/keripik-pisang", "/c/keripik"]),
    );
    expect(suggestions.find((s) => s.href === "/p/keripik-pisang")?.label).toBe("Sweet Banana Chips");
    const producers = await searchSuggestions(database.db, cooperativeA, "batik maw", "id");
    expect(producers.map((s) => s.href)).toContain("/producers/batik-mawar");
    expect(await searchSuggestions(database.db, cooperativeA, "k", "id")).toEqual([]);
  });
});

describe("the word list's prefixes (decision 51)", () => {
  it("are the words that begin with them, in any script, read as a range of the list's key", async () => {
    const words = ["dod", "dodol", "dodolan", "dodom", "doe", "dodo2", "kopi", "kopié", "kopı", "kopi咖啡", "kopj", "köpi", "z"];
    const prefixes = ["dodo", "dodol", "d", "dodolanx", "kopi", "kop", "kö", "咖", "z", "zz"];
    const rolledBack = new Error("rolled back");
    const found: Record<string, string[]> = {};
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`delete from search_words where cooperative_id = ${cooperativeA}`);
        await tx.insert(searchWords).values(words.map((word) => ({ cooperativeId: cooperativeA, word, productCount: 1 })));
        for (const prefix of prefixes) {
          const rows = await tx.execute<{ word: string }>(sql`
            select w.word from search_words w where ${listedWordsBeginning(cooperativeA, sql`${prefix}::text`)} order by w.word`);
          found[prefix] = rows.map((row) => row.word);
        }
        throw rolledBack;
      })
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
    const expected = Object.fromEntries(prefixes.map((prefix) => [prefix, words.filter((word) => word.startsWith(prefix)).sort(byCodePoint)]));
    expect(found).toEqual(expected);
    expect(found["kopi"]).toEqual(["kopi", "kopié", "kopi咖啡"]);
  });
});

function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
