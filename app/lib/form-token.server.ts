import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { formSubmissions } from "~db/schema";

export { FORM_TOKEN_FIELD } from "./form-token";

/**
 * Forms that create things answer a repeated post with the first post's answer (decision 15). The page's
 * loader puts a fresh token in the form (`newFormToken`, rendered by `<FormToken>`); the action claims it
 * before it writes anything:
 *
 * - `first`: go on; `finish(answer)` keeps the answer (in the caller's transaction, with the thing it
 *   created, when one is given), `abandon()` frees the token when the post is refused or fails;
 * - `repeat`: the same person sent this form before: answer with `result`, write nothing;
 * - `busy`: the first post is still being handled after waiting for it;
 * - `invalid`: no token, a malformed one, or another person's.
 *
 * Tokens live in Postgres per cooperative, so they hold across app servers. A token is claimed only when
 * the post arrives; loaders store nothing.
 */
export type Claim<T> =
  | { state: "first"; finish(result: T, db?: Db): Promise<void>; abandon(): Promise<void> }
  | { state: "repeat"; result: T }
  | { state: "busy" }
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

export function newFormToken(): string {
  return randomBytes(18).toString("base64url");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function claimSubmission<T>(
  db: Db,
  key: SubmissionKey,
  token: FormDataEntryValue | null,
  options: { waitMs?: number; pollMs?: number } = {},
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
      .values({ cooperativeId: key.cooperativeId, keyHash, purpose: key.purpose, userId: key.userId })
      .onConflictDoUpdate({
        target: [formSubmissions.cooperativeId, formSubmissions.keyHash],
        set: { claimedAt: sql`now()` },
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
    if (existing.result !== null) return { state: "repeat", result: existing.result as T };
    if (Date.now() >= deadline) return { state: "busy" };
    await sleep(options.pollMs ?? 100);
  }
}

export type SubmitOnce<T, R> = { state: "done"; result: T; repeated: boolean } | { state: "refused"; answer: R } | { state: "busy" } | { state: "invalid" };

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
): Promise<SubmitOnce<T, R>> {
  const claim = await claimSubmission<T>(db, key, token);
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
export function unclaimedMessage(state: "busy" | "invalid") {
  return state === "busy" ? ({ messageKey: "form.error.busy", status: 409 } as const) : ({ messageKey: "form.error.expired", status: 400 } as const);
}
