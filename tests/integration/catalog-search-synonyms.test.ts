import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, searchSynonyms } from "../../db/schema";
import { FORM_TOKEN_FIELD, newFormToken } from "~/lib/form-token.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { deleteSynonym, listSynonyms, saveSynonym, synonymSchema } from "~/modules/catalog/shop/synonyms.server";
import { action as searchSettingsAction } from "~/routes/admin.settings_.search";
import { PageCache, cachedPage, pageKey, pageTags } from "../../server/page-cache/page-cache";
import { listenForPageChanges, type CacheListener } from "../../server/page-cache/invalidation";
import { actionOutcome as outcome, postToAction, staffWithCookie } from "../support/actions";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { createTestDatabase, type TestDatabase } from "../support/database";

process.env.SESSION_SECRET ??= "search-synonyms-test-secret-0123456789abcdef";

/** A cooperative's own search synonyms: edited by its managers, audited, scoped to it, and used by its searches at once. */
let database: TestDatabase;
let a: string;
let b: string;
let manager: string;
let cookie: string;
let curatorCookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  ({ userId: manager, cookie } = await staffWithCookie(database, a, "pengurus@a.test", "manager"));
  ({ cookie: curatorCookie } = await staffWithCookie(database, a, "kurator@a.test", "curator"));
});
afterAll(() => database.close());

const actor = (cooperativeId: string) => ({ cooperativeId, actorUserId: manager, ipAddress: "203.0.113.9" });
const auditsOf = (cooperativeId: string, action: string) =>
  database.db.select().from(auditLog).where(and(eq(auditLog.cooperativeId, cooperativeId), eq(auditLog.action, action))).orderBy(auditLog.createdAt);
const search = async (cooperativeId: string, q: string) =>
  (await listProducts(database.db, cooperativeId, parseCatalogQuery(new URLSearchParams({ q })), "id")).items.map((item) => item.slug);
const parsed = (term: string, meanings: string) => synonymSchema.safeParse({ term, meanings });

describe("the synonym form", () => {
  it("folds what is typed as the search reads it", () => {
    expect(parsed("  Criping ", "Keripik, kéripik ,  KERIPIK PISANG\nbalado")).toMatchObject({ success: true, data: { term: "criping", meanings: ["keripik", "keripik pisang", "balado"] } });
    expect(parsed("oleh2", "buah tangan")).toMatchObject({ success: true, data: { term: "oleh", meanings: ["buah tangan"] } });
  });

  it("refuses an empty, long or symbol-only term and meanings that say nothing new, each on its field", () => {
    const issues = (term: string, meanings: string) => {
      const result = parsed(term, meanings);
      return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}:${issue.message}`);
    };
    expect(issues("", "keripik")).toEqual(["term:searchSettings.error.term"]);
    expect(issues("!!!", "keripik")).toEqual(["term:searchSettings.error.term"]);
    expect(issues("satu dua tiga empat", "keripik")).toEqual(["term:searchSettings.error.term"]);
    expect(issues("criping", "")).toEqual(["meanings:searchSettings.error.meanings"]);
    expect(issues("criping", "criping")).toEqual(["meanings:searchSettings.error.meanings"]);
    expect(issues("criping", Array.from({ length: 11 }, (_, i) => `kata${i}`).join(","))).toEqual(["meanings:searchSettings.error.meanings"]);
  });
});

describe("a cooperative's synonyms", () => {
  it("find products by the words the cooperative's shoppers type, in its shop only", async () => {
    expect(await search(a, "criping")).toEqual([]);
    const saved = await saveSynonym(database.db, { ...actor(a), synonym: { term: "criping", meanings: ["keripik"] } });
    expect(saved.ok).toBe(true);
    expect(await search(a, "criping")).toEqual(expect.arrayContaining(["keripik-singkong-balado", "keripik-pisang"]));
    expect(await search(a, "criping pisang")).toEqual(["keripik-pisang"]);
    // Cooperative B has keripik too, and its search does not read A's synonyms.
    expect(await search(b, "criping")).toEqual([]);
  });

  it("expand a typo's corrected word too, in their cooperative only", async () => {
    expect(await search(a, "tongkl")).toEqual(["abon-ikan-tongkol"]);
    expect((await saveSynonym(database.db, { ...actor(a), synonym: { term: "tongkol", meanings: ["pisang"] } })).ok).toBe(true);
    expect((await search(a, "tongkl")).sort()).toEqual(["abon-ikan-tongkol", "keripik-pisang"]);
    expect(await search(b, "tongkl")).toEqual([]);
  });

  it("are audited with before and after, and one term has one entry", async () => {
    const first = await saveSynonym(database.db, { ...actor(a), synonym: { term: "ikan suwir", meanings: ["abon"] } });
    if (!first.ok) throw new Error(first.error);
    expect(await saveSynonym(database.db, { ...actor(a), synonym: { term: "ikan suwir", meanings: ["tongkol"] } })).toEqual({ ok: false, error: "duplicate_term" });
    expect(await saveSynonym(database.db, { ...actor(a), id: first.id, synonym: { term: "ikan suwir", meanings: ["abon", "tongkol"] } })).toEqual({ ok: true, id: first.id });
    expect(await search(a, "ikan suwir")).toEqual(["abon-ikan-tongkol"]);
    const saves = (await auditsOf(a, "search.synonym_saved")).filter((entry) => entry.entityId === first.id);
    expect(saves.map((entry) => [entry.before, entry.after])).toEqual([
      [null, { term: "ikan suwir", meanings: ["abon"] }],
      [{ term: "ikan suwir", meanings: ["abon"] }, { term: "ikan suwir", meanings: ["abon", "tongkol"] }],
    ]);
    expect(await deleteSynonym(database.db, { ...actor(a), id: first.id })).toEqual({ ok: true });
    expect(await search(a, "ikan suwir")).toEqual([]);
    expect((await auditsOf(a, "search.synonym_deleted")).map((entry) => entry.before)).toEqual([{ term: "ikan suwir", meanings: ["abon", "tongkol"] }]);
  });

  it("of one cooperative can be neither changed nor deleted from another", async () => {
    const { synonyms } = await listSynonyms(database.db, a);
    const criping = synonyms.find((synonym) => synonym.term === "criping")!;
    expect(await saveSynonym(database.db, { ...actor(b), id: criping.id, synonym: { term: "criping", meanings: ["batik"] } })).toEqual({ ok: false, error: "not_found" });
    expect(await deleteSynonym(database.db, { ...actor(b), id: criping.id })).toEqual({ ok: false, error: "not_found" });
    expect(await deleteSynonym(database.db, { ...actor(b), id: "not-a-uuid" })).toEqual({ ok: false, error: "not_found" });
    expect((await listSynonyms(database.db, a)).synonyms.find((synonym) => synonym.id === criping.id)).toEqual(criping);
    expect((await listSynonyms(database.db, b)).total).toBe(0);
    expect(await auditsOf(b, "search.synonym_saved")).toEqual([]);
  });

  it("forget the cooperative's kept shop pages when they change, and only its own", async () => {
    const cache = new PageCache(1024 * 1024);
    const listener: CacheListener = await listenForPageChanges(database.sql, cache);
    try {
      const keep = (cooperativeId: string) =>
        cache.put(
          pageKey(cooperativeId, "id", "/products", "q=criping"),
          cachedPage({ cooperativeId, headers: new Headers({ "Content-Type": "text/html" }), body: Buffer.from("<p>kept</p>"), tags: pageTags("/products") }),
          cache.generation(cooperativeId),
        );
      const kept = (cooperativeId: string) => cache.get(pageKey(cooperativeId, "id", "/products", "q=criping")) !== undefined;
      keep(a);
      keep(b);
      const saved = await saveSynonym(database.db, { ...actor(a), synonym: { term: "kripca", meanings: ["keripik"] } });
      expect(saved.ok).toBe(true);
      await listener.caughtUp();
      expect(kept(a)).toBe(false);
      expect(kept(b)).toBe(true);
    } finally {
      await listener.stop();
    }
  });
});

describe("the search settings page", () => {
  const post = (fields: Record<string, string>, as = cookie) => postToAction(database, searchSettingsAction, "http://a.test/admin/settings/search", fields, as);
  const rows = () => database.db.select().from(searchSynonyms).where(eq(searchSynonyms.cooperativeId, a));

  it("adds one synonym for a form sent twice, and refuses a second entry for the term with a 409 on its field", async () => {
    const fields = { intent: "save", term: "Sambel Ijo", meanings: "sambal teri ijo" };
    const token = newFormToken();
    const [first, second] = await Promise.all([post({ ...fields, [FORM_TOKEN_FIELD]: token }), post({ ...fields, [FORM_TOKEN_FIELD]: token })]);
    expect(outcome(first)).toEqual({ status: 302, location: "/admin/settings/search?saved=saved" });
    expect(outcome(second)).toEqual(outcome(first));
    expect((await rows()).filter((row) => row.term === "sambel ijo")).toHaveLength(1);
    expect(outcome(await post({ ...fields, [FORM_TOKEN_FIELD]: newFormToken() }))).toEqual({ status: 409, errors: { term: "searchSettings.error.duplicate" } });
  });

  it("answers bad input with a 422 naming the field, and writes nothing", async () => {
    const before = await rows();
    const audits = (await auditsOf(a, "search.synonym_saved")).length;
    expect(outcome(await post({ intent: "save", term: "", meanings: "keripik", [FORM_TOKEN_FIELD]: newFormToken() }))).toEqual({ status: 422, errors: { term: "searchSettings.error.term" } });
    expect(outcome(await post({ intent: "save", term: "gurih", meanings: " , ", [FORM_TOKEN_FIELD]: newFormToken() }))).toEqual({ status: 422, errors: { meanings: "searchSettings.error.meanings" } });
    expect(outcome(await post({ intent: "delete", id: "00000000-0000-4000-8000-000000000000" }))).toEqual({ status: 404, errors: { form: "searchSettings.error.notFound" } });
    expect(outcome(await post({ intent: "nonsense" }))).toMatchObject({ status: 400 });
    expect(await rows()).toEqual(before);
    expect(await auditsOf(a, "search.synonym_saved")).toHaveLength(audits);
  });

  it("is for managers only", async () => {
    const before = await rows();
    const answer = await post({ intent: "save", term: "gurih", meanings: "asin", [FORM_TOKEN_FIELD]: newFormToken() }, curatorCookie).catch((error: unknown) => error);
    expect((answer as { init?: { status?: number } }).init?.status).toBe(403);
    expect(await rows()).toEqual(before);
  });
});
