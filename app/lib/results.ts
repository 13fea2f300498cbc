import type { Db } from "~db/client";

/** The statuses a refusal is answered with. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

type Outcome = { ok: true } | { ok: false; error: string };

class RolledBack<R> extends Error {
  constructor(readonly refusal: R) {
    super("refused");
  }
}

/**
 * Runs `work` in a transaction (a savepoint in the caller's) that a refusal rolls back as surely as an error
 * would, then answers the refusal: a step refused halfway leaves nothing behind.
 */
export async function allOrNothing<R extends Outcome>(db: Db, work: (tx: Db) => Promise<R>): Promise<R> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new RolledBack(result);
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.refusal as R;
    throw error;
  }
}
