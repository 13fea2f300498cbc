import { describe, expect, it } from "vitest";
import {
  builtInSynonyms,
  expandWords,
  foldPhrase,
  groupsTsQuery,
  phrasesOf,
  queryWords,
  withOneLetterMore,
} from "~/modules/catalog/shop/search-lexicon";

const tsQuery = (query: string, own: [string, string[]][] = []) => groupsTsQuery(expandWords(queryWords(query), new Map(own)));

describe("queryWords", () => {
  it("reads reduplication written with a 2 as the word itself", () => {
    expect(queryWords("oleh2 khas Probolinggo")).toEqual(["oleh", "khas", "probolinggo"]);
    expect(queryWords("oleh-oleh")).toEqual(["oleh"]);
    expect(queryWords("Cumi2")).toEqual(["cumi"]);
  });

  it("leaves numbers and words that only end in a digit otherwise alone", () => {
    expect(queryWords("kopi 250 g")).toEqual(["kopi", "250", "g"]);
    expect(queryWords("a2 e27")).toEqual(["a2", "e27"]);
  });
});

describe("expandWords", () => {
  it("searches an informal spelling as either spelling", () => {
    expect(tsQuery("kripik")).toBe("(kripik:* | keripik:*)");
    expect(tsQuery("Krupuk udang")).toBe("(krupuk:* | kerupuk:*) & udang:*");
    expect(tsQuery("sambel trasi")).toBe("(sambel:* | sambal:*) & (trasi:* | terasi:*)");
  });

  it("takes the longest phrase with a meaning first", () => {
    expect(tsQuery("chili sauce")).toBe("((chili:* & sauce:*) | sambal:*)");
    expect(tsQuery("chili")).toBe("(chili:* | cabai:* | chilli:*)");
    expect(tsQuery("shrimp paste sambal")).toBe("((shrimp:* & paste:*) | terasi:*) & sambal:*");
    expect(tsQuery("seaweed")).toBe("(seaweed:* | (rumput:* & laut:*))");
  });

  it("adds the cooperative's own synonyms to the built-in ones", () => {
    expect(tsQuery("kripik", [["kripik", ["criping"]]])).toBe("(kripik:* | keripik:* | criping:*)");
    expect(tsQuery("oleh2 pantai", [["oleh", ["buah tangan"]]])).toBe("(oleh:* | (buah:* & tangan:*)) & pantai:*");
  });

  it("keeps words without a meaning as they are, and bounds a query's size", () => {
    expect(tsQuery("keripik pisang")).toBe("keripik:* & pisang:*");
    const many = new Map([["x", Array.from({ length: 10 }, (_, i) => `w${i} v${i} u${i}`)]]);
    const groups = expandWords(["x"], many);
    expect(groups[0]!.alternatives.flat().length).toBeLessThanOrEqual(32);
  });

  it("has only folded phrases of letters, digits and spaces in the built-in table", () => {
    for (const [term, meanings] of Object.entries(builtInSynonyms)) {
      expect(foldPhrase(term)).toBe(term);
      for (const meaning of meanings) expect(foldPhrase(meaning)).toBe(meaning);
    }
  });
});

describe("phrasesOf", () => {
  it("lists every run of one to three words", () => {
    expect(phrasesOf(["a", "b", "c", "d"])).toEqual(["a", "a b", "a b c", "b", "b c", "b c d", "c", "c d", "d"]);
  });
});

describe("withOneLetterMore", () => {
  it("puts back one letter anywhere in a short word", () => {
    expect(withOneLetterMore("trasi")).toContain("terasi");
    expect(withOneLetterMore("dodl")).toContain("dodol");
    expect(new Set(withOneLetterMore("kopi")).size).toBe(withOneLetterMore("kopi").length);
  });

  it("leaves long words and words with digits to the trigram match", () => {
    expect(withOneLetterMore("probolinggo")).toEqual([]);
    expect(withOneLetterMore("e27")).toEqual([]);
  });
});
