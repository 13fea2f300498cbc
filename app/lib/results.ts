import type { Db } from "~db/client";
import type { MessageKey } from "./i18n/core";

/**
 * The result vocabulary of modules and flows (decision 18): a refusal is a value, `{ ok: false, error: "sold_out" }`,
 * never a thrown Response; its code is the module's, and the module's error table says how the web edge answers it.
 */
export type Refused<Code extends string> = { ok: false; error: Code };

/** The statuses a refusal is answered with. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

/** How one refusal is answered: its status, its message, and the form field the message stands at (the whole form when none). */
export interface RefusalAnswer {
  status: RefusalStatus;
  message: MessageKey;
  field?: string;
}

/**
 * A module's refusals, each code with its answer: one table per module, used by every route that meets them. The
 * module's error codes are the table's keys (`type StockError = keyof typeof inventoryErrors`).
 */
export type ErrorTable<Code extends string = string> = Record<Code, RefusalAnswer>;

type Outcome = { ok: true } | Refused<string>;

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
