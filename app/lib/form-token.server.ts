import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { formSubmissions } from "~db/schema";

import { FORM_TOKEN_FIELD } from "./form-token";

export { FORM_TOKEN_FIELD };

/**
 * Forms that create things answer a repeated post with the first post's answer (decision 15). The page's
 * loader puts a fresh token in the form (`newFormToken`, rendered by `<FormToken>`); the action claims it
 * before it writes anything:
 *
 * - `first`: go on; `finish(answer)` keeps the answer (in the caller's transaction, with the thing it
 *   created, when one is given), `abandon()` frees the token when the post is refused or fails;
 * - `repeat`: the same person sent this form before: answer with `result`, write nothing;
 * - `busy`: the first post is still being handled after waiting for it;
 * - `changed`: the same person sent this token before with other values: not a repeat but a second thing to do,
 *   sent from a page that had not yet been given its fresh token (Remix shows an action's answer while the page's
 *   data is still being fetched again). Nothing is written; the sender is told to send it again from the page as it
 *   is now. Only when the caller gives the post's `content` (`formContent`);
 * - `invalid`: no token, a malformed one, or another person's.
 *
 * Tokens live in Postgres per cooperative, so they hold across app servers. A token is claimed only when
 * the post arrives; loaders store nothing.
 */
export type Claim<T> =
  | { state: "first"; finish(result: T, db?: Db): Promise<void>; abandon(): Promise<void> }
  | { state: "repeat"; result: T }
  | { state: "busy" }
  | { state: "changed" }
  | { state: "invalid" };

export interface SubmissionKey {
  cooperativeId: string;
  /** What the form creates, e.g. `product.create`. */
  purpose: string;
  /** Who sends it (null for a guest). */
  userId: string | null;
  /** What on the page it is about, when a page has several such forms sharing its token (a product's id). */
  subject?: string;
}

const tokenPattern = /^[A-Za-z0-9_-]{22,64}$/;
/** A claim whose post never finished (a crashed server) may be taken over after this long. */
const STALE_AFTER = "2 minutes";
/** Answers are kept this long: enough for any resend of a page. */
const KEEP_FOR = "2 days";

/** Deletes the tokens and answers of every cooperative older than two days (a job, hourly); returns how many. */
export async function purgeOldSubmissions(db: Db): Promise<number> {
  const purged = await db
    .delete(formSubmissions)
    .where(lt(formSubmissions.createdAt, sql`now() - ${KEEP_FOR}::interval`))
    .returning({ keyHash: formSubmissions.keyHash });
  return purged.length;
}

/**
 * What a post says, as a hash: every field but the token, in name order (a file by its name, type and size), so
 * a resend of the same form hashes the same and a post with other values does not.
 */
export function formContent(formData: FormData): string {
  const fields = [...formData.entries()]
    .filter(([name]) => name !== FORM_TOKEN_FIELD)
    .map(([name, value]) => JSON.stringify([name, typeof value === "string" ? value : `file:${value.name}:${value.type}:${value.size}`]))
    .sort();
  return createHash("sha256").update(fields.join("\n")).digest("base64url");
}

export function newFormToken(): string {
  return randomBytes(18).toString("base64url");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function claimSubmission<T>(
  db: Db,
  key: SubmissionKey,
  token: FormDataEntryValue | null,
  options: { waitMs?: number; pollMs?: number; content?: string } = {},
): Promise<Claim<T>> {
  if (typeof token !== "string" || !tokenPattern.test(token)) return { state: "invalid" };
  const keyHash = createHash("sha256").update(`${key.purpose}\u0000${key.subject ?? ""}\u0000${token}`).digest("hex");
  const row = and(eq(formSubmissions.cooperativeId, key.cooperativeId), eq(formSubmissions.keyHash, keyHash));
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  for (;;) {
    // One statement claims a new token, or takes over one whose post never finished; it waits for a
    // concurrent insert of the same token to commit.
    const [claimed] = await db
      .insert(formSubmissions)
      .values({ cooperativeId: key.cooperativeId, keyHash, purpose: key.purpose, userId: key.userId, content: options.content ?? null })
      .onConflictDoUpdate({
        target: [formSubmissions.cooperativeId, formSubmissions.keyHash],
        set: { claimedAt: sql`now()`, content: options.content ?? null },
        setWhere: sql`${formSubmissions.result} is null and ${formSubmissions.claimedAt} < now() - ${STALE_AFTER}::interval and ${formSubmissions.userId} is not distinct from ${key.userId}`,
      })
      .returning({ keyHash: formSubmissions.keyHash });
    if (claimed) {
      return {
        state: "first",
        async finish(result, tx = db) {
          await tx.update(formSubmissions).set({ result, completedAt: sql`now()` }).where(row);
        },
        async abandon() {
          await db.delete(formSubmissions).where(and(row, isNull(formSubmissions.result)));
        },
      };
    }
    const [existing] = await db.select().from(formSubmissions).where(row);
    if (!existing) continue; // abandoned between the two statements: claim it now
    if (existing.userId !== key.userId) return { state: "invalid" };
    if (options.content !== undefined && existing.content !== null && existing.content !== options.content) return { state: "changed" };
    if (existing.result !== null) return { state: "repeat", result: existing.result as T };
    if (Date.now() >= deadline) return { state: "busy" };
    await sleep(options.pollMs ?? 100);
  }
}

export type SubmitOnce<T, R> = { state: "done"; result: T; repeated: boolean } | { state: "refused"; answer: R } | { state: "busy" } | { state: "changed" } | { state: "invalid" };

/**
 * The claim, work and finish of a form whose answer is plain data, in one call: `work` runs only for the first
 * post of the token, in a transaction (`tx`) that also keeps its answer, and returns `{ done }` (kept, and given
 * to any repeat) or `{ refused }` (the token is freed so the corrected form can be sent again); if it throws,
 * the token is freed too. Work done with `tx` and its kept answer commit together, so a crash between them cannot
 * leave the work done and the token free for a second go.
 */
export async function submitOnce<T, R>(
  db: Db,
  key: SubmissionKey,
  token: FormDataEntryValue | null,
  work: (tx: Db) => Promise<{ done: T } | { refused: R }>,
  options: { content?: string } = {},
): Promise<SubmitOnce<T, R>> {
  const claim = await claimSubmission<T>(db, key, token, options);
  if (claim.state === "repeat") return { state: "done", result: claim.result, repeated: true };
  if (claim.state !== "first") return claim;
  try {
    const outcome = await db.transaction(async (tx) => {
      const outcome = await work(tx);
      if ("done" in outcome) await claim.finish(outcome.done, tx);
      return outcome;
    });
    if ("refused" in outcome) {
      await claim.abandon();
      return { state: "refused", answer: outcome.refused };
    }
    return { state: "done", result: outcome.done, repeated: false };
  } catch (error) {
    await claim.abandon();
    throw error;
  }
}

/** The message for a post whose token could not be claimed, and its status. */
export function unclaimedMessage(state: "busy" | "changed" | "invalid") {
  if (state === "busy") return { messageKey: "form.error.busy", status: 409 } as const;
  // A spent token, as far as the sender can act on it: nothing was done, and the page must be loaded again to send
  // the new values (the words of "expired" say that; a message of its own would weigh on every shopper's page).
  if (state === "changed") return { messageKey: "form.error.expired", status: 409 } as const;
  return { messageKey: "form.error.expired", status: 400 } as const;
}
