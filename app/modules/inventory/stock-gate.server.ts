/**
 * In-process admission to the stock of popular products (decision 22). When a shared link brings hundreds of
 * buyers for the last units at once, every one of them reads "in stock" before the first order commits; each then
 * opened a transaction only to wait on the winners' row lock and find nothing left, holding a database connection
 * the whole time. Instead, orders of the same products take turns in this process, and each winner leaves behind
 * the stock it committed. A buyer whose turn comes after such an observation, newer than the stock the buyer last
 * read, is answered from it: the same answer as reading the database again, without a transaction.
 *
 * Only refusals are taken from observations; a sale is still decided by the conditional update in Postgres, so
 * several app processes (each with its own gate) stay correct, and stock never goes below zero.
 */
export class StockGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly observed = new Map<string, { stock: number; at: number }>();

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly keepObservationsMs = 10_000,
  ) {}

  /** A moment on this gate's clock: take it after the buyer's own stock read, and pass it to `shortSince`. */
  now(): number {
    return this.clock();
  }

  /**
   * Runs `work` once no earlier turn on any of these variants is still running in this process. Turns are queued
   * per variant and taken in variant order, so two carts sharing several products never wait on each other in a
   * circle.
   */
  async turn<T>(variantIds: readonly string[], work: () => Promise<T>): Promise<T> {
    const releases: (() => void)[] = [];
    try {
      for (const variantId of [...new Set(variantIds)].sort()) releases.push(await this.acquire(variantId));
      return await work();
    } finally {
      for (const release of releases) release();
    }
  }

  /**
   * Stock as the database had it at some moment after `at` (taken before the transaction that saw it began): what
   * an order left when it committed, or what a failed reservation found.
   */
  observe(variantId: string, stock: number, at: number): void {
    const newest = this.observed.get(variantId);
    if (newest && newest.at > at) return;
    this.observed.set(variantId, { stock, at });
    if (this.observed.size > 1000) {
      for (const [id, seen] of this.observed) if (at - seen.at > this.keepObservationsMs) this.observed.delete(id);
    }
  }

  /**
   * The wanted lines that stock observed since `since` cannot cover, with what was left; lines without such an
   * observation are not judged here.
   */
  shortSince(since: number, wanted: readonly { variantId: string; quantity: number }[]): { variantId: string; available: number }[] {
    const short: { variantId: string; available: number }[] = [];
    for (const line of wanted) {
      const seen = this.observed.get(line.variantId);
      if (seen && seen.at >= since && seen.stock < line.quantity) short.push({ variantId: line.variantId, available: seen.stock });
    }
    return short;
  }

  private async acquire(variantId: string): Promise<() => void> {
    const previous = this.tails.get(variantId) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(variantId, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(variantId) === tail) this.tails.delete(variantId);
    };
  }
}

/** This process's gate, shared by every checkout it serves. */
export const stockGate = new StockGate();

export interface GatedLine {
  variantId: string;
  quantity: number;
}

type Shortage = { variantId: string; available: number };
type WithoutLeft<Result> = Result extends { ok: true } ? Omit<Result, "left"> : Result;

/**
 * A sale of `items` through the gate: refused at once when the stock just read (`stockOf`, capped by `limitOf`) is
 * short, else in turn with every other sale of the same variants in this process, refused from a newer
 * observation when one says it is short, else decided by `work` (whose transaction's conditional update is the
 * only thing that sells). What `work` left, or found short, is observed for the buyers after it. Online orders
 * and outlet sales both go through here, so they take turns alike (decisions 22 and 33).
 */
export async function sellThroughGate<Result extends { ok: true; left: Shortage[] } | { ok: false; soldOut?: Shortage[] }>(
  items: readonly GatedLine[],
  stock: { of: (variantId: string) => number; limit: (variantId: string) => number },
  work: () => Promise<Result>,
  gate: StockGate = stockGate,
): Promise<WithoutLeft<Result> | { ok: false; error: "sold_out"; soldOut: Shortage[] }> {
  // Refused early, without a transaction, when what was just read is already short; the conditional update in the
  // transaction stays the only thing that decides a sale.
  const short = items.filter((item) => item.quantity > stock.limit(item.variantId));
  if (short.length > 0) return { ok: false, error: "sold_out", soldOut: short.map((item) => ({ variantId: item.variantId, available: stock.of(item.variantId) })) };
  // In a rush everyone reads "in stock" at once: sales of the same products take turns in this process, and a
  // buyer whose turn comes after a sale left too little is answered from that, without a transaction.
  const read = gate.now();
  return gate.turn(
    items.map((item) => item.variantId),
    async () => {
      const seenShort = gate.shortSince(read, items);
      if (seenShort.length > 0) return { ok: false as const, error: "sold_out" as const, soldOut: seenShort };
      const began = gate.now();
      const result = await work();
      if (!result.ok) {
        for (const left of result.soldOut ?? []) gate.observe(left.variantId, left.available, began);
        return result as WithoutLeft<Result>;
      }
      const { left, ...sold } = result;
      for (const seen of left) gate.observe(seen.variantId, seen.available, began);
      return sold as WithoutLeft<Result>;
    },
  );
}
