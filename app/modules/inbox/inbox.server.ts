import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "~db/client";
import { inboundEvents, inboundEventStatus } from "~db/schema";
import { uuidPattern } from "~/lib/ids";
import { nudgeJob } from "~/modules/jobs/nudge.server";

/**
 * The inbound event inbox: a provider's notification is stored first, raw, with its (provider, event id) unique,
 * and answered at once; a job applies it later, once, in one transaction, retrying with backoff. Decision 0017.
 */

/** The job that applies due events (registered in app/flows/jobs.server.ts); receiving an event nudges it. */
export const APPLY_INBOUND_EVENTS_JOB = "apply-inbound-events";

export type InboundEventStatus = (typeof inboundEventStatus.enumValues)[number];

/**
 * The request headers kept with an event: what tells how to read the body and whether the sender signed it. Cookies,
 * credentials and shared-secret tokens (Authorization, X-Callback-Token, …) are never stored, nor is anything else.
 */
export const KEPT_HEADERS: readonly string[] = ["content-type", "user-agent", "date", "x-request-id", "stripe-signature"];

export interface IncomingEvent {
  /** Which applier reads it: `midtrans`, `stripe`, … (lower case letters, digits, `-`, `_`). */
  provider: string;
  /** The provider's id of this notification: a repeat with the same id is stored once. */
  eventId: string;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The body exactly as received (read it with `request.text()` before anything parses it). */
  rawBody: string;
  /**
   * The cooperative whose own webhook address received it, when the address names one (taken from the URL path,
   * never from the Host header). The applier's answer must agree with it.
   */
  endpointCooperativeId?: string | null;
}

const MAX_EVENT_ID_LENGTH = 255;
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Stores a notification if its (provider, event id) is new and nudges the job runner to apply it once this
 * transaction commits. Returns the stored row's id and whether this call stored it. Does nothing else, so the
 * sender gets its answer fast.
 */
export async function receiveEvent(db: Db, event: IncomingEvent): Promise<{ id: string; isNew: boolean }> {
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(event.provider)) throw new Error("receiveEvent: bad provider name");
  const eventId = event.eventId.trim();
  if (!eventId || eventId.length > MAX_EVENT_ID_LENGTH) throw new Error("receiveEvent: event id missing or too long");
  if (Buffer.byteLength(event.rawBody, "utf8") > MAX_BODY_BYTES) throw new Error("receiveEvent: body too large");
  if (event.endpointCooperativeId && !uuidPattern.test(event.endpointCooperativeId)) throw new Error("receiveEvent: bad cooperative id");
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(inboundEvents)
      .values({
        provider: event.provider,
        eventId,
        endpointCooperativeId: event.endpointCooperativeId ?? null,
        headers: keptHeaders(event.headers),
        rawBody: event.rawBody,
      })
      .onConflictDoNothing({ target: [inboundEvents.provider, inboundEvents.eventId] })
      .returning({ id: inboundEvents.id });
    if (inserted) {
      await nudgeJob(tx, APPLY_INBOUND_EVENTS_JOB);
      return { id: inserted.id, isNew: true };
    }
    const [existing] = await tx
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(and(eq(inboundEvents.provider, event.provider), eq(inboundEvents.eventId, eventId)));
    return { id: existing!.id, isNew: false };
  });
}

/** The allow-listed headers, names in lower case, repeated values joined. */
export function keptHeaders(headers: IncomingEvent["headers"]): Record<string, string> {
  const entries: [string, string][] =
    headers instanceof Headers
      ? [...headers.entries()]
      : Object.entries(headers).flatMap(([name, value]): [string, string][] =>
          value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]],
        );
  const kept: Record<string, string> = {};
  for (const [name, value] of entries) {
    const key = name.toLowerCase();
    if (KEPT_HEADERS.includes(key)) kept[key] = kept[key] === undefined ? value : `${kept[key]}, ${value}`;
  }
  return kept;
}

/** An event as an applier sees it. */
export interface StoredEvent {
  id: string;
  provider: string;
  eventId: string;
  headers: Record<string, string>;
  rawBody: string;
  endpointCooperativeId: string | null;
  /** Attempts before this one. */
  attempts: number;
  receivedAt: Date;
}

export interface ApplierResult {
  /** The cooperative the event turned out to belong to, from what it refers to (its order); null if none. */
  cooperativeId: string | null;
  /** A few words for staff: "payment captured", "ignored: already paid". */
  outcome?: string;
}

/**
 * Applies one event of its provider, with the transaction it is given (everything it writes commits together with
 * the event being marked applied, or not at all). It decides which cooperative the event belongs to from what the
 * payload refers to. Throwing counts as a failed attempt: the event is retried later.
 */
export type EventApplier = (tx: Db, event: StoredEvent) => Promise<ApplierResult>;

/** One applier per provider; events of providers without one wait, untouched. */
export type Appliers = Readonly<Record<string, EventApplier>>;

/** Waits after the 1st, 2nd, … failed attempt; the attempt after the last wait is the final one. */
export const RETRY_DELAYS_SECONDS = [10, 60, 5 * 60, 30 * 60, 2 * 60 * 60, 6 * 60 * 60];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

const MAX_ERROR_LENGTH = 1000;

export type ApplyOutcome = "applied" | "retried" | "failed";

export interface ApplyOptions {
  /** For tests: replaces the database's clock in deciding what is due and when to retry. */
  now?: Date;
}

/**
 * Applies the oldest due event, if any, in one transaction: claims it (FOR UPDATE SKIP LOCKED, so concurrent callers
 * take different events and none is applied twice), runs its provider's applier in a savepoint, and marks it
 * `applied` with the cooperative the applier found; or, when the applier throws, undoes what it wrote and records
 * the attempt: retried after a growing delay, `failed` after the last. Returns what happened, or undefined when
 * nothing was due.
 */
export async function applyNextEvent(db: Db, appliers: Appliers, options: ApplyOptions = {}): Promise<ApplyOutcome | undefined> {
  const providers = Object.keys(appliers);
  if (providers.length === 0) return undefined;
  const clock: SQL = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(inboundEvents)
      .where(and(eq(inboundEvents.status, "pending"), lte(inboundEvents.nextAttemptAt, clock), inArray(inboundEvents.provider, providers)))
      .orderBy(asc(inboundEvents.nextAttemptAt), asc(inboundEvents.receivedAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!row) return undefined;
    const attempts = row.attempts + 1;
    const event: StoredEvent = {
      id: row.id,
      provider: row.provider,
      eventId: row.eventId,
      headers: row.headers,
      rawBody: row.rawBody,
      endpointCooperativeId: row.endpointCooperativeId,
      attempts: row.attempts,
      receivedAt: row.receivedAt,
    };
    try {
      const result = await tx.transaction(async (savepoint) => {
        const answer = await appliers[row.provider]!(savepoint, event);
        if (answer.cooperativeId !== null && !uuidPattern.test(answer.cooperativeId)) throw new Error("The applier named no valid cooperative.");
        if (row.endpointCooperativeId && answer.cooperativeId !== row.endpointCooperativeId) {
          throw new Error("The event refers to another cooperative than the address it was sent to.");
        }
        return answer;
      });
      await tx
        .update(inboundEvents)
        .set({ status: "applied", attempts, appliedAt: clock, cooperativeId: result.cooperativeId, outcome: result.outcome?.slice(0, 200) ?? null, lastError: null })
        .where(eq(inboundEvents.id, row.id));
      return "applied";
    } catch (error) {
      const lastError = describeError(error);
      if (attempts >= MAX_ATTEMPTS) {
        await tx.update(inboundEvents).set({ status: "failed", attempts, lastError }).where(eq(inboundEvents.id, row.id));
        return "failed";
      }
      const delay = RETRY_DELAYS_SECONDS[attempts - 1]!;
      await tx
        .update(inboundEvents)
        .set({ attempts, lastError, nextAttemptAt: sql`${clock} + ${`${delay} seconds`}::interval` })
        .where(eq(inboundEvents.id, row.id));
      return "retried";
    }
  });
}

export interface ApplyResult {
  applied: number;
  retried: number;
  failed: number;
}

/**
 * Applies due events one by one (each in its own transaction) until none is due, `limit` are done, or `signal`
 * aborts (a stopping runner). Safe to run on several runners at once.
 */
export async function applyPendingEvents(
  db: Db,
  appliers: Appliers,
  options: ApplyOptions & { limit?: number; signal?: AbortSignal } = {},
): Promise<ApplyResult> {
  const result: ApplyResult = { applied: 0, retried: 0, failed: 0 };
  const limit = Math.max(1, Math.floor(options.limit ?? 500));
  for (let done = 0; done < limit && !options.signal?.aborted; done++) {
    const outcome = await applyNextEvent(db, appliers, options);
    if (!outcome) break;
    result[outcome]++;
  }
  return result;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.trim() || "Unknown error").slice(0, MAX_ERROR_LENGTH);
}

export interface InboundEventListItem {
  id: string;
  provider: string;
  eventId: string;
  status: InboundEventStatus;
  attempts: number;
  outcome: string | null;
  lastError: string | null;
  receivedAt: Date;
  appliedAt: Date | null;
}

export interface InboundEventPage {
  items: InboundEventListItem[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * One cooperative's inbound events for its staff, newest first: those applied to it, and those its own webhook
 * address received that are not applied yet (pending or failed). Bodies and headers stay out of the list.
 */
export async function listInboundEvents(
  db: Db,
  cooperativeId: string,
  options: { page: number; pageSize?: number; status?: InboundEventStatus },
): Promise<InboundEventPage> {
  const pageSize = Math.min(200, Math.max(1, Math.floor(options.pageSize ?? 20)));
  const page = Math.max(1, Math.floor(Number.isFinite(options.page) ? options.page : 1));
  if (!uuidPattern.test(cooperativeId)) return { items: [], total: 0, page, pageCount: 1 };
  const conditions: SQL[] = [
    or(
      eq(inboundEvents.cooperativeId, cooperativeId),
      and(isNull(inboundEvents.cooperativeId), eq(inboundEvents.endpointCooperativeId, cooperativeId)),
    )!,
  ];
  if (options.status) conditions.push(eq(inboundEvents.status, options.status));
  const where = and(...conditions);
  const [items, [counted]] = await Promise.all([
    db
      .select({
        id: inboundEvents.id,
        provider: inboundEvents.provider,
        eventId: inboundEvents.eventId,
        status: inboundEvents.status,
        attempts: inboundEvents.attempts,
        outcome: inboundEvents.outcome,
        lastError: inboundEvents.lastError,
        receivedAt: inboundEvents.receivedAt,
        appliedAt: inboundEvents.appliedAt,
      })
      .from(inboundEvents)
      .where(where)
      .orderBy(desc(inboundEvents.receivedAt), desc(inboundEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(inboundEvents).where(where),
  ]);
  const total = counted?.total ?? 0;
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
