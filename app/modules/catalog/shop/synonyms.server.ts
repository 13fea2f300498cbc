import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client";
import { searchSynonyms } from "~db/schema";
import { uuidPattern } from "~/lib/ids";
import type { ErrorTable, Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { foldPhrase, MAX_PHRASE_WORDS } from "./search-lexicon";

/*
 * A cooperative's own search synonyms, which its managers edit (decision 26): "when shoppers type `term`, also
 * search for each of `meanings`". Stored folded as the search reads them; added to the built-in table. Every change
 * is audited (`search.synonym_saved`, `search.synonym_deleted`) and, by trigger, forgets the shop's kept pages.
 */

/** How many synonyms a cooperative may keep, and meanings one word may have (the table's checks say the same). */
export const MAX_SYNONYMS = 500;
export const MAX_MEANINGS = 10;
const MAX_PHRASE_LENGTH = 60;

/** A phrase of one to three words, at least two letters and at most 60 in all, once folded. */
function isPhrase(folded: string): boolean {
  return folded.length >= 2 && folded.length <= MAX_PHRASE_LENGTH && folded.split(" ").length <= MAX_PHRASE_WORDS;
}

/** The form: the word shoppers type, and what it should also find, separated by commas or lines. Messages are keys. */
export const synonymSchema = z
  .object({
    term: z.string({ error: "searchSettings.error.term" }).max(200, "searchSettings.error.term").transform(foldPhrase),
    meanings: z
      .string({ error: "searchSettings.error.meanings" })
      .max(1000, "searchSettings.error.meanings")
      .transform((text) => [...new Set(text.split(/[,;\n]/).map(foldPhrase).filter(Boolean))]),
  })
  .superRefine((synonym, context) => {
    if (!isPhrase(synonym.term)) context.addIssue({ code: "custom", path: ["term"], message: "searchSettings.error.term" });
    const meanings = synonym.meanings.filter((meaning) => meaning !== synonym.term);
    if (meanings.length === 0 || meanings.length > MAX_MEANINGS || !meanings.every(isPhrase)) {
      context.addIssue({ code: "custom", path: ["meanings"], message: "searchSettings.error.meanings" });
    }
  })
  .transform((synonym) => ({ term: synonym.term, meanings: synonym.meanings.filter((meaning) => meaning !== synonym.term) }));
export type SynonymForm = z.infer<typeof synonymSchema>;

export const synonymErrors = {
  duplicate_term: { status: 409, message: "searchSettings.error.duplicate", field: "term" },
  too_many: { status: 409, message: "searchSettings.error.tooMany" },
  not_found: { status: 404, message: "searchSettings.error.notFound" },
} satisfies ErrorTable;
export type SynonymError = keyof typeof synonymErrors;

export interface StoredSynonym {
  id: string;
  term: string;
  meanings: string[];
}

/** Synonyms per page of the settings screen. */
export const SYNONYMS_PAGE_SIZE = 50;

/** A page of the cooperative's synonyms by term, and how many pages there are. */
export async function listSynonyms(db: Db, cooperativeId: string, page = 1): Promise<{ synonyms: StoredSynonym[]; total: number; pageCount: number }> {
  const own = eq(searchSynonyms.cooperativeId, cooperativeId);
  const [synonyms, [counted]] = await Promise.all([
    db
      .select({ id: searchSynonyms.id, term: searchSynonyms.term, meanings: searchSynonyms.meanings })
      .from(searchSynonyms)
      .where(own)
      .orderBy(asc(searchSynonyms.term))
      .limit(SYNONYMS_PAGE_SIZE)
      .offset((page - 1) * SYNONYMS_PAGE_SIZE),
    db.select({ total: count() }).from(searchSynonyms).where(own),
  ]);
  const total = counted?.total ?? 0;
  return { synonyms, total, pageCount: Math.max(1, Math.ceil(total / SYNONYMS_PAGE_SIZE)) };
}

/** One of the cooperative's synonyms, or undefined (another cooperative's id included). */
export async function getSynonym(db: Db, cooperativeId: string, id: string): Promise<StoredSynonym | undefined> {
  if (!uuidPattern.test(id)) return undefined;
  const [row] = await db
    .select({ id: searchSynonyms.id, term: searchSynonyms.term, meanings: searchSynonyms.meanings })
    .from(searchSynonyms)
    .where(and(eq(searchSynonyms.cooperativeId, cooperativeId), eq(searchSynonyms.id, id)));
  return row;
}

interface Actor {
  cooperativeId: string;
  actorUserId: string;
  ipAddress?: string;
}

/**
 * Adds a synonym (no `id`) or changes one of this cooperative's (`id`), audited with before and after. One row per
 * term: a second one for the same term is refused, as the table's unique key would.
 */
export async function saveSynonym(
  db: Db,
  input: Actor & { id?: string; synonym: SynonymForm },
): Promise<{ ok: true; id: string } | Refused<SynonymError>> {
  if (input.id !== undefined && !uuidPattern.test(input.id)) return { ok: false, error: "not_found" };
  return db.transaction(async (tx) => {
    // One cooperative's synonyms change one at a time, so two managers cannot both add the same term.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`search_synonyms:${input.cooperativeId}`}, 0))`);
    const own = eq(searchSynonyms.cooperativeId, input.cooperativeId);
    const [clash] = await tx
      .select({ id: searchSynonyms.id })
      .from(searchSynonyms)
      .where(and(own, eq(searchSynonyms.term, input.synonym.term), input.id ? ne(searchSynonyms.id, input.id) : undefined))
      .limit(1);
    if (clash) return { ok: false as const, error: "duplicate_term" as const };
    if (!input.id) {
      const [counted] = await tx.select({ total: count() }).from(searchSynonyms).where(own);
      if ((counted?.total ?? 0) >= MAX_SYNONYMS) return { ok: false as const, error: "too_many" as const };
      const [created] = await tx
        .insert(searchSynonyms)
        .values({ cooperativeId: input.cooperativeId, ...input.synonym })
        .returning({ id: searchSynonyms.id });
      await audit(tx, input, "search.synonym_saved", created!.id, null, input.synonym);
      return { ok: true as const, id: created!.id };
    }
    const mine = and(own, eq(searchSynonyms.id, input.id));
    const [current] = await tx.select().from(searchSynonyms).where(mine).for("update");
    if (!current) return { ok: false as const, error: "not_found" as const };
    await tx.update(searchSynonyms).set({ ...input.synonym, updatedAt: sql`now()` }).where(mine);
    await audit(tx, input, "search.synonym_saved", input.id, { term: current.term, meanings: current.meanings }, input.synonym);
    return { ok: true as const, id: input.id };
  });
}

/** Removes one of this cooperative's synonyms, audited; searches stop using it at once. */
export async function deleteSynonym(db: Db, input: Actor & { id: string }): Promise<{ ok: true } | Refused<"not_found">> {
  if (!uuidPattern.test(input.id)) return { ok: false, error: "not_found" };
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(searchSynonyms)
      .where(and(eq(searchSynonyms.cooperativeId, input.cooperativeId), eq(searchSynonyms.id, input.id)))
      .returning();
    if (!deleted) return { ok: false as const, error: "not_found" as const };
    await audit(tx, input, "search.synonym_deleted", input.id, { term: deleted.term, meanings: deleted.meanings }, null);
    return { ok: true as const };
  });
}

function audit(db: Db, input: Actor, action: string, id: string, before: object | null, after: object | null) {
  return recordAudit(db, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.actorUserId,
    action,
    entityType: "search_synonym",
    entityId: id,
    before,
    after,
    ipAddress: input.ipAddress,
  });
}
