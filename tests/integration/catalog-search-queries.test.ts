import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import { listCategories, searchSuggestions } from "~/modules/catalog/shop/browse.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { loadListingPage, POPULAR_ON_EMPTY } from "~/web/listing-page.server";
import { demoContent } from "../../db/seed/demo-content";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedCooperative } from "../support/factories";

/*
 * What tourists and locals type into the demo shop's search, and the demo products each must find (issue 14): informal
 * spellings, dropped letters, reduplication written with a 2, typos, English words, several words at once.
 */
const keripik = ["keripik-singkong-balado", "keripik-pisang-agung", "keripik-tempe-sagu", "keripik-talas-bawang", "keripik-kulit-ikan"];
const kerupuk = ["kerupuk-udang-binor", "kerupuk-ikan-tengiri", "kerupuk-cumi", "kerupuk-lorjuk"];
const sambal = ["sambal-bawang-nurul", "sambal-terasi-nurul", "sambal-cumi-asin", "sambal-roa", "sambal-teri-ijo"];
const kopi = ["kopi-robusta-tiris-bubuk", "kopi-robusta-tiris-biji", "kopi-lanang-argopuro", "kopi-jahe-sachet"];
const mangga = ["dodol-mangga-probolinggo", "manisan-mangga-manalagi", "sirup-mangga-probolinggo"];
const rumputLaut = ["dodol-rumput-laut", "manisan-rumput-laut", "permen-jelly-rumput-laut"];
const tenun = ["kain-tenun-gedogan", "sarung-tenun-pesisir", "syal-tenun-ikat"];

/** [query, the products it must find, the product it must show first (optional)] */
const queries: [string, string[], string?][] = [
  // Indonesian as typed: informal spellings, a vowel dropped at the start of a short word.
  ["kripik", keripik],
  ["kripik singkong", ["keripik-singkong-balado"], "keripik-singkong-balado"],
  ["kripik pisang", ["keripik-pisang-agung"], "keripik-pisang-agung"],
  ["kripik tempe", ["keripik-tempe-sagu"], "keripik-tempe-sagu"],
  ["krupuk", kerupuk],
  ["krupuk udang", ["kerupuk-udang-binor"], "kerupuk-udang-binor"],
  ["krupuk cumi", ["kerupuk-cumi"], "kerupuk-cumi"],
  ["sambel", sambal],
  ["sambel trasi", ["sambal-terasi-nurul"], "sambal-terasi-nurul"],
  ["sambel roa", ["sambal-roa"], "sambal-roa"],
  ["trasi", ["terasi-udang-rebon", "sambal-terasi-nurul"]],
  ["trasi udang", ["terasi-udang-rebon"], "terasi-udang-rebon"],
  ["peyek kacang", ["rempeyek-kacang-tanah"], "rempeyek-kacang-tanah"],
  ["cemilan", ["keripik-singkong-balado", "keripik-pisang-agung"]],
  ["tenggiri", ["kerupuk-ikan-tengiri", "stik-ikan-tengiri"]],
  ["sirop mangga", ["sirup-mangga-probolinggo"], "sirup-mangga-probolinggo"],
  ["jae merah", ["jahe-merah-instan"], "jahe-merah-instan"],
  ["kunir asem", ["kunyit-asam-botol"], "kunyit-asam-botol"],
  ["tenunan", tenun],
  ["slendang batik", ["selendang-batik-sekar"], "selendang-batik-sekar"],
  // Reduplication written with a 2.
  ["oleh2", ["keripik-pisang-agung"]],
  ["cumi2", ["kerupuk-cumi", "sambal-cumi-asin"]],
  // Dropped letters and typos the catalog's own words correct.
  ["dodl", ["dodol-rumput-laut", "dodol-mangga-probolinggo"]],
  ["manga", mangga],
  ["batk tulis", ["batik-tulis-motif-mangga"], "batik-tulis-motif-mangga"],
  ["keripk", keripik],
  ["kopi robusat", ["kopi-robusta-tiris-bubuk", "kopi-robusta-tiris-biji"]],
  ["abon tongkol", ["abon-ikan-tongkol"], "abon-ikan-tongkol"],
  ["kopi", kopi],
  // English.
  ["chili sauce", sambal],
  ["chilli sauce", sambal],
  ["hot sauce", sambal],
  ["shrimp paste", ["terasi-udang-rebon"]],
  ["cassava chips", ["keripik-singkong-balado"], "keripik-singkong-balado"],
  ["banana chips", ["keripik-pisang-agung"], "keripik-pisang-agung"],
  ["coffee", kopi],
  ["ginger drink", ["jahe-merah-instan"]],
  ["prawn crackers", ["kerupuk-udang-binor"], "kerupuk-udang-binor"],
  ["shrimp crackers", ["kerupuk-udang-binor"], "kerupuk-udang-binor"],
  ["fish crackers", ["kerupuk-ikan-tengiri"]],
  ["squid", ["kerupuk-cumi", "sambal-cumi-asin"]],
  ["seaweed", rumputLaut],
  ["mango", mangga],
  ["batik shirt", ["kemeja-batik-manggur"], "kemeja-batik-manggur"],
  ["woven bag", ["tas-anyaman-pandan"], "tas-anyaman-pandan"],
  ["weaving", tenun],
  ["shell lamp", ["lampu-hias-kerang"], "lampu-hias-kerang"],
  ["keychain", ["gantungan-kunci-kerang"], "gantungan-kunci-kerang"],
  ["turmeric", ["kunyit-asam-botol"], "kunyit-asam-botol"],
  ["anchovy sambal", ["sambal-teri-ijo"], "sambal-teri-ijo"],
  ["spicy cassava", ["keripik-singkong-balado"], "keripik-singkong-balado"],
  ["tuna floss", ["abon-ikan-tongkol"], "abon-ikan-tongkol"],
  ["peanut", ["rempeyek-kacang-tanah"]],
  ["beach hat", ["topi-pandan-pantai"], "topi-pandan-pantai"],
  ["sarong", ["sarung-tenun-pesisir"], "sarung-tenun-pesisir"],
  ["scarf", ["syal-tenun-ikat"]],
  ["souvenir", ["keripik-pisang-agung"]],
];

let database: TestDatabase;
let cooperativeId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  cooperativeId = await seedCooperative(database.db, database.mediaRoot, demoContent);
});
afterAll(() => database.close());

async function search(q: string, locale: "id" | "en") {
  const page = await listProducts(database.db, cooperativeId, parseCatalogQuery(new URLSearchParams({ q })), locale, { pageSize: 48 });
  return page.items.map((item) => item.slug);
}

describe("real queries on the demo catalog", () => {
  it("has at least 40 of them", () => expect(queries.length).toBeGreaterThanOrEqual(40));

  it.each(queries)("%s", async (q, mustFind, first) => {
    for (const locale of ["id", "en"] as const) {
      const found = await search(q, locale);
      expect(found, `${q} (${locale})`).toEqual(expect.arrayContaining(mustFind));
      if (first) expect(found[0], `${q} (${locale}) first`).toBe(first);
    }
  });
});

const listing = (params: Record<string, string>) =>
  listProducts(database.db, cooperativeId, parseCatalogQuery(new URLSearchParams(params)), "en", { facets: true, pageSize: 48 });

describe("what a search shows besides its results", () => {
  it("offers the corrected words as a link when it searched them instead", async () => {
    expect((await listing({ q: "keripk pisang" })).correctedQuery).toBe("keripik pisang");
    expect((await listing({ q: "dodl" })).correctedQuery).toBe("dodol");
    expect((await listing({ q: "kripik" })).correctedQuery).toBeUndefined();
  });

  it("offers the words that do find something when all of them together find nothing", async () => {
    const page = await listing({ q: "keripik zzzqqq" });
    expect(page.total).toBe(0);
    expect(page.suggestedQuery).toBe("keripik");
    expect((await listing({ q: page.suggestedQuery! })).total).toBeGreaterThan(0);
    expect((await listing({ q: "zzzqqq" })).suggestedQuery).toBeUndefined();
  });

  it("shows popular products when nothing is found, never a bare 'nothing found'", async () => {
    const context = { db: database.db } as unknown as AppLoadContext;
    const empty = await loadListingPage(context, cooperativeId, new URL("http://demo.test/products?q=zzzqqq"), "id");
    expect(empty.results.total).toBe(0);
    expect(empty.popular).toHaveLength(POPULAR_ON_EMPTY);
    expect(empty.popular[0]!.slug).toBe("gantungan-kunci-kerang");
    const found = await loadListingPage(context, cooperativeId, new URL("http://demo.test/products?q=kripik"), "id");
    expect(found.popular).toEqual([]);
  });

  it("names every active category in the filter, in the managers' order, each counted among the results, and gives a category page its own", async () => {
    const context = { db: database.db } as unknown as AppLoadContext;
    const all = await listCategories(database.db, cooperativeId, "en");
    const page = await loadListingPage(context, cooperativeId, new URL("http://demo.test/c/sambal-bumbu"), "en", { category: "sambal-bumbu" });
    expect(page.categories.map((category) => category.name)).toEqual(all.map((category) => category.name));
    expect(page.categories.find((category) => category.slug === "sambal-bumbu")?.productCount).toBe(page.results.total);
    const sambal = all.find((category) => category.slug === "sambal-bumbu")!;
    expect(page.category).toEqual({ slug: "sambal-bumbu", name: sambal.name, description: sambal.description });
    expect(sambal.description).not.toBe("");
  });

  it("counts categories and producers over the results shown", async () => {
    const cases: Record<string, string>[] = [{ q: "sambel" }, { q: "crackers" }, { q: "kopi", stock: "1" }, {}, { max: "20000" }];
    for (const params of cases) {
      const page = await listing(params);
      const byCategory = page.facets!.categories;
      expect(byCategory.reduce((sum, facet) => sum + facet.count!, 0), JSON.stringify(params)).toBe(page.total);
      for (const facet of byCategory) {
        expect((await listing({ ...params, category: facet.slug })).total, `${JSON.stringify(params)} ${facet.slug}`).toBe(facet.count);
      }
      for (const facet of page.facets!.producers) {
        expect((await listing({ ...params, producer: facet.slug })).total, `${JSON.stringify(params)} ${facet.slug}`).toBe(facet.count);
      }
    }
  });

  it("keeps a search's counts when the chosen category holds none of its results, and past its last page", async () => {
    const found = await listing({ q: "sambel" });
    expect(found.total).toBeGreaterThan(0);
    const elsewhere = await listing({ q: "sambel", category: "batik-tenun" });
    expect(elsewhere.total).toBe(0);
    const bySlug = <T extends { slug: string }>(facets: T[]) => [...facets].sort((x, y) => x.slug.localeCompare(y.slug));
    expect(bySlug(elsewhere.facets!.categories)).toEqual(bySlug(found.facets!.categories));
    const beyond = await listing({ q: "sambel", page: "9" });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(found.total);
    expect(bySlug(beyond.facets!.categories)).toEqual(bySlug(found.facets!.categories));
    expect(bySlug(beyond.facets!.producers)).toEqual(bySlug(found.facets!.producers));
  });

  it("keeps a listing's total past its last page, filtered or not", async () => {
    const cases: Record<string, string>[] = [{}, { category: "keripik-camilan" }, { producer: "tenun-bu-misnati" }, { max: "20000" }];
    for (const params of cases) {
      const first = await listing(params);
      expect(first.total, JSON.stringify(params)).toBeGreaterThan(0);
      const beyond = await listing({ ...params, page: "99" });
      expect(beyond.items).toEqual([]);
      expect(beyond.total, JSON.stringify(params)).toBe(first.total);
    }
  });

  it("offers only the producers with products in the chosen category, and keeps every category's count", async () => {
    const page = await listing({ category: "batik-tenun" });
    expect(page.facets!.producers.map((producer) => producer.slug).sort()).toEqual(["batik-sekar-manggur", "tenun-bu-misnati"]);
    expect(page.facets!.categories.find((facet) => facet.slug === "keripik-camilan")!.count).toBeGreaterThan(0);
    const chosen = await listing({ category: "batik-tenun", producer: "tenun-bu-misnati" });
    expect(chosen.facets!.categories.map((facet) => facet.slug)).toEqual(["batik-tenun"]);
  });
});

describe("suggestions for words many products hold", () => {
  // Scaled down to the demo's 53 products: the 2 most popular matches are the candidates, looked for among the 40
  // most popular products when a word of the list held by enough products (2 in 40) begins with the query.
  const walking = { candidates: 2, walked: 40 };
  const sorting = { candidates: 2, walked: 0 };

  it("are the same whether the most popular products are walked or every match is sorted", async () => {
    const queries = ["ke", "ker", "keripik", "sambal", "kopi", "batik", "kerupuk", "madu", "dodol", "keripik pisang", "zzqx"];
    for (const query of queries) {
      for (const locale of ["id", "en"] as const) {
        const walked = await searchSuggestions(database.db, cooperativeId, query, locale, 8, walking);
        expect(walked, `${query} (${locale})`).toEqual(await searchSuggestions(database.db, cooperativeId, query, locale, 8, sorting));
      }
    }
    expect((await searchSuggestions(database.db, cooperativeId, "ke", "id", 8, walking)).some((s) => s.href.startsWith("/p/"))).toBe(true);
  });
});

describe("searches with more matches than they count (decision 50)", () => {
  // Scaled down to the demo's 53 products: 5 matches counted; past that the page is found by walking the sort's
  // index, reading at most `walked` listed products.
  const reach = { counted: 5, walked: 60 };
  const slugs = (page: { items: { slug: string }[] }) => page.items.map((item) => item.slug);
  const ask = (params: Record<string, string>, bounded?: typeof reach) =>
    listProducts(database.db, cooperativeId, parseCatalogQuery(new URLSearchParams(params)), "en", {
      facets: true,
      pageSize: 6,
      ...(bounded ? { reach: bounded } : {}),
    });

  it("show the products counting every match shows, in its order, with the total as 5+ and the facets uncounted", async () => {
    const cases: Record<string, string>[] = [
      { q: "k" },
      { q: "ke" },
      { q: "k", sort: "price_asc" },
      { q: "k", sort: "newest", page: "2" },
      { q: "ke", sort: "popular", page: "3" },
      { q: "k", sort: "price_desc", category: "keripik-camilan" },
      { q: "k", producer: "tenun-bu-misnati" },
      { q: "ke", category: "batik-tenun", producer: "tenun-bu-misnati" },
    ];
    for (const params of cases) {
      const label = JSON.stringify(params);
      const exact = await ask(params);
      const bounded = await ask(params, reach);
      expect(exact.totalCapped, label).toBeUndefined();
      expect(exact.items.length, label).toBeGreaterThan(0);
      expect(slugs(bounded), label).toEqual(slugs(exact));
      expect(bounded.total, label).toBe(Math.min(exact.total, reach.counted));
      expect(bounded.totalCapped ?? false, label).toBe(exact.total > reach.counted);
      // The query's matches (every filter off) are more than 5 in every case: the facets are those of 6 of them.
      const facetSlugs = [...bounded.facets!.categories, ...bounded.facets!.producers];
      expect(facetSlugs.length, label).toBeGreaterThan(0);
      for (const facet of facetSlugs) expect(facet.count, `${label} ${facet.slug}`).toBeNull();
      const exactSlugs = new Set([...exact.facets!.categories, ...exact.facets!.producers].map((facet) => facet.slug));
      for (const facet of facetSlugs) expect(exactSlugs.has(facet.slug), `${label} ${facet.slug}`).toBe(true);
    }
  });

  it("read no more than the walk's reach: only matches among the most popular listed products", async () => {
    const popular = await listProducts(database.db, cooperativeId, parseCatalogQuery(new URLSearchParams({ sort: "popular" })), "en", { pageSize: 8 });
    const bounded = await listProducts(database.db, cooperativeId, parseCatalogQuery(new URLSearchParams({ q: "k", sort: "popular" })), "en", {
      pageSize: 48,
      reach: { counted: 5, walked: 8 },
    });
    expect(bounded.totalCapped).toBe(true);
    expect(bounded.items.length).toBeGreaterThan(reach.counted);
    expect(slugs(popular)).toEqual(expect.arrayContaining(slugs(bounded)));
  });

  it("offer every category and producer of the matches read in the page's filters, by name", async () => {
    const context = { db: database.db } as AppLoadContext;
    const page = await loadListingPage(context, cooperativeId, new URL("http://demo.test/products?q=k"), "en", {}, reach);
    expect(page.results.totalCapped).toBe(true);
    const offered = page.categories.filter((category) => category.productCount !== 0);
    expect(offered.length).toBeGreaterThan(0);
    for (const category of offered) expect(category.productCount, category.slug).toBeNull();
    expect(page.producers.length).toBeGreaterThan(0);
    for (const producer of page.producers) expect(producer.count, producer.slug).toBeNull();
  });

  it("keep counting exactly up to their reach, and past the last page", async () => {
    const exact = await ask({ q: "sambel" });
    expect(exact.total).toBeGreaterThan(1);
    const atReach = await ask({ q: "sambel" }, { counted: exact.total, walked: 60 });
    expect(atReach.total).toBe(exact.total);
    expect(atReach.totalCapped).toBeUndefined();
    expect(atReach.facets).toEqual(exact.facets);
    const beyond = await ask({ q: "k", page: "40" }, reach);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(reach.counted);
    expect(beyond.totalCapped).toBe(true);
    expect(beyond.facets!.categories.every((facet) => facet.count === null)).toBe(true);
  });
});
