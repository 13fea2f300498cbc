import { describe, expect, it } from "vitest";
import { catalogSearchParams, parseCatalogQuery } from "~/modules/catalog/shop/query";
import { prefixTsQuery, searchTerms } from "~/modules/catalog/shop/search-terms";

const parse = (search: string) => parseCatalogQuery(new URLSearchParams(search));

describe("parseCatalogQuery", () => {
  it("reads every filter", () => {
    expect(parse("q=keripik&category=keripik&producer=dapur-bu-siti&min=1000&max=50000&stock=1&sort=price_asc&page=3")).toEqual({
      q: "keripik",
      category: "keripik",
      producer: "dapur-bu-siti",
      minPrice: 1000,
      maxPrice: 50000,
      inStock: true,
      sort: "price_asc",
      page: 3,
    });
  });

  it("defaults to best sellers, or relevance when searching", () => {
    expect(parse("")).toMatchObject({ sort: "popular", page: 1, inStock: false });
    expect(parse("q=batik").sort).toBe("relevance");
    expect(parse("sort=relevance").sort).toBe("popular");
  });

  it("drops what makes no sense instead of failing", () => {
    expect(parse("page=-2&min=abc&max=1e99&sort=cheapest&category=../../etc&stock=yes")).toEqual({
      q: undefined,
      category: undefined,
      producer: undefined,
      minPrice: undefined,
      maxPrice: undefined,
      inStock: false,
      sort: "popular",
      page: 1,
    });
    expect(parse("page=1.5").page).toBe(1);
    expect(parse("page=99999").page).toBe(1);
  });

  it("swaps a reversed price range", () => {
    expect(parse("min=50000&max=1000")).toMatchObject({ minPrice: 1000, maxPrice: 50000 });
  });

  it("tidies the search text: spaces, control characters, length", () => {
    expect(parse("q=%20%20keripik%20%0A%00pisang%20").q).toBe("keripik pisang");
    expect(parse(`q=${"a".repeat(300)}`).q).toHaveLength(100);
    expect(parse("q=%20%20").q).toBeUndefined();
  });

  it("writes short canonical URLs that read back the same", () => {
    const query = parse("q=kopi&min=5000&stock=1&page=2");
    expect(catalogSearchParams(query).toString()).toBe("q=kopi&min=5000&stock=1&page=2");
    expect(parseCatalogQuery(catalogSearchParams(query))).toEqual(query);
    expect(catalogSearchParams(parse("")).toString()).toBe("");
  });
});

describe("searchTerms", () => {
  it("folds case and accents and splits on anything but letters and digits", () => {
    expect(searchTerms("Kéripik  PISANG, café!")).toEqual(["keripik", "pisang", "cafe"]);
    expect(searchTerms("P-IRT 2063")).toEqual(["p", "irt", "2063"]);
  });

  it("keeps nothing a tsquery could misread", () => {
    expect(searchTerms("&|:*()!'\"<->")).toEqual([]);
    expect(prefixTsQuery(searchTerms("a:* | b"))).toBe("a:* & b:*");
  });
});
