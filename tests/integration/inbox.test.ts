import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "~db/client";
import { applyInboundEventsJob } from "~/flows/jobs.server";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  applyNextEvent,
  applyPendingEvents,
  listInboundEvents,
  MAX_ATTEMPTS,
  receiveEvent,
  RETRY_DELAYS_SECONDS,
  type Appliers,
  type EventApplier,
} from "~/modules/inbox/inbox.server";
import { startJobRunner, type JobRunner } from "~/modules/jobs/runner.server";
import { auditLog, cooperatives, inboundEvents } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";

/**
 * The inbound event inbox on a real Postgres: stored once per (provider, event id), applied once in one
 * transaction, retried with backoff, never losing an event to a crash, the cooperative taken from what the event
 * refers to.
 */

let database: TestDatabase;
let cooperativeA: string;
let cooperativeB: string;
const runners: JobRunner[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const inserted = await database.db
    .insert(cooperatives)
    .values([
      { slug: "kop-a", name: "Koperasi A", legalName: "Koperasi Wanita A" },
      { slug: "kop-b", name: "Koperasi B", legalName: "Koperasi Wanita B" },
    ])
    .returning({ id: cooperatives.id, slug: cooperatives.slug });
  cooperativeA = inserted.find((row) => row.slug === "kop-a")!.id;
  cooperativeB = inserted.find((row) => row.slug === "kop-b")!.id;
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await database?.close();
});

/**
 * A provider for the tests: the body names an order as `<cooperative slug>/<number>`; applying it writes an audit
 * record (standing in for a payment being marked paid) and fails when the body says so.
 */
const testApplier: EventApplier = async (tx, event) => {
  const body = JSON.parse(event.rawBody) as { order: string; fail?: boolean };
  const [cooperative] = await tx.select({ id: cooperatives.id }).from(cooperatives).where(eq(cooperatives.slug, body.order.split("/")[0]!));
  await recordAudit(tx, { cooperativeId: cooperative?.id ?? null, actorUserId: null, action: "test.event_applied", entityType: "inbound_event", entityId: event.eventId });
  if (body.fail) throw new Error("the provider's record says no");
  return { cooperativeId: cooperative?.id ?? null, outcome: `order ${body.order} marked paid` };
};

/** Each test uses providers of its own, so events of one test never reach another's appliers. */
const appliersFor = (...providers: string[]): Appliers => Object.fromEntries(providers.map((provider) => [provider, testApplier]));

function receive(provider: string, eventId: string, body: object, extra: { headers?: Record<string, string>; endpointCooperativeId?: string } = {}) {
  return receiveEvent(database.db, {
    provider,
    eventId,
    headers: extra.headers ?? { "content-type": "application/json" },
    rawBody: JSON.stringify(body),
    endpointCooperativeId: extra.endpointCooperativeId,
  });
}

async function stored(id: string) {
  const [row] = await database.db.select().from(inboundEvents).where(eq(inboundEvents.id, id));
  return row!;
}

/** Audit records the test applier committed for an event: how many times it was really applied. */
async function appliedTimes(eventId: string): Promise<number> {
  const [row] = await database.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, "test.event_applied"), eq(auditLog.entityId, eventId)));
  return row!.n;
}

describe("receiving", () => {
  it("stores a repeated event once and applies it once, however many appliers run at once", async () => {
    const body = { order: "kop-a/ORD-1" };
    const receipts = await Promise.all([receive("dup", "evt-1", body), receive("dup", "evt-1", body), receive("dup", "evt-1", body)]);
    expect(receipts.filter((receipt) => receipt.isNew)).toHaveLength(1);
    expect(new Set(receipts.map((receipt) => receipt.id)).size).toBe(1);
    const [{ n }] = (await database.db.select({ n: count() }).from(inboundEvents).where(eq(inboundEvents.provider, "dup"))) as [{ n: number }];
    expect(n).toBe(1);

    const results = await Promise.all(Array.from({ length: 4 }, () => applyPendingEvents(database.db, appliersFor("dup"))));
    expect(results.reduce((sum, result) => sum + result.applied, 0)).toBe(1);
    expect(await appliedTimes("evt-1")).toBe(1);
    const row = await stored(receipts[0]!.id);
    expect(row).toMatchObject({ status: "applied", attempts: 1, cooperativeId: cooperativeA, outcome: "order kop-a/ORD-1 marked paid", lastError: null });
    expect(row.appliedAt).toBeInstanceOf(Date);

    // The provider repeats it later: acknowledged, not stored again, not applied again.
    expect(await receive("dup", "evt-1", body)).toEqual({ id: receipts[0]!.id, isNew: false });
    expect(await applyPendingEvents(database.db, appliersFor("dup"))).toEqual({ applied: 0, retried: 0, failed: 0 });
    expect(await appliedTimes("evt-1")).toBe(1);
  });

  it("keeps the raw body as received and only allow-listed headers, never cookies or credentials", async () => {
    const rawBody = '{"order": "kop-a/ORD-2",  "note": "spaces and \\u00e9 kept"}';
    const headers = new Headers({
      "Content-Type": "application/json",
      "Stripe-Signature": "t=1,v1=abc",
      "User-Agent": "Provider/1.0",
      Cookie: "session=secret",
      Authorization: "Basic c2VjcmV0",
      "X-Callback-Token": "shared-secret",
      Host: "kop-b.test",
      "X-Forwarded-Host": "evil.test",
    });
    const { id } = await receiveEvent(database.db, { provider: "hdr", eventId: "evt-h1", headers, rawBody });
    const row = await stored(id);
    expect(row.rawBody).toBe(rawBody);
    expect(row.headers).toEqual({ "content-type": "application/json", "stripe-signature": "t=1,v1=abc", "user-agent": "Provider/1.0" });

    const fromRecord = await receiveEvent(database.db, {
      provider: "hdr",
      eventId: "evt-h2",
      headers: { "content-type": "application/json", cookie: "a=b", authorization: "Bearer x", "set-cookie": ["c=d"] },
      rawBody: "{}",
    });
    expect((await stored(fromRecord.id)).headers).toEqual({ "content-type": "application/json" });
  });

  it("refuses what is not an event: bad provider names, missing ids, oversized bodies", async () => {
    const base = { headers: {}, rawBody: "{}" };
    await expect(receiveEvent(database.db, { ...base, provider: "Bad Name", eventId: "x" })).rejects.toThrow(/provider/);
    await expect(receiveEvent(database.db, { ...base, provider: "ok", eventId: "  " })).rejects.toThrow(/event id/);
    await expect(receiveEvent(database.db, { provider: "ok", eventId: "big", headers: {}, rawBody: "x".repeat(1024 * 1024 + 1) })).rejects.toThrow(/too large/);
  });
});

describe("applying", () => {
  it("takes the cooperative from what the event refers to, never from the request", async () => {
    // Sent with another shop's Host: the event is kop-a's because its order is.
    const { id } = await receive("coop", "evt-c1", { order: "kop-a/ORD-3" }, { headers: { host: "kop-b.test", "x-forwarded-host": "kop-b.test" } });
    expect((await stored(id)).cooperativeId).toBeNull();
    expect(await applyNextEvent(database.db, appliersFor("coop"))).toBe("applied");
    expect((await stored(id)).cooperativeId).toBe(cooperativeA);

    // Received at kop-b's own address but about kop-a's order: not applied, and nothing it wrote is kept.
    const crossed = await receive("coop", "evt-c2", { order: "kop-a/ORD-4" }, { endpointCooperativeId: cooperativeB });
    expect(await applyNextEvent(database.db, appliersFor("coop"))).toBe("retried");
    expect(await stored(crossed.id)).toMatchObject({ status: "pending", attempts: 1, cooperativeId: null, appliedAt: null });
    expect((await stored(crossed.id)).lastError).toMatch(/another cooperative/);
    expect(await appliedTimes("evt-c2")).toBe(0);
  });

  it("retries a failing event after growing delays, then marks it failed; what a failed attempt wrote is undone", async () => {
    const { id } = await receive("retry", "evt-r1", { order: "kop-a/ORD-5", fail: true });
    const appliers = appliersFor("retry");
    let now = new Date(Date.now() + 1000);
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await applyNextEvent(database.db, appliers, { now })).toBe("retried");
      const row = await stored(id);
      expect(row).toMatchObject({ status: "pending", attempts: attempt, lastError: "the provider's record says no" });
      const delay = RETRY_DELAYS_SECONDS[attempt - 1]!;
      expect(row.nextAttemptAt.getTime() - now.getTime()).toBe(delay * 1000);
      // Not due a moment before its time.
      expect(await applyNextEvent(database.db, appliers, { now: new Date(row.nextAttemptAt.getTime() - 1000) })).toBeUndefined();
      now = row.nextAttemptAt;
    }
    expect(await applyNextEvent(database.db, appliers, { now })).toBe("failed");
    expect(await stored(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, appliedAt: null, cooperativeId: null });
    expect(await applyNextEvent(database.db, appliers, { now: new Date(now.getTime() + 86_400_000) })).toBeUndefined();
    expect(await appliedTimes("evt-r1")).toBe(0);
  });

  it("applies an event that failed once when its retry comes due", async () => {
    const { id } = await receive("again", "evt-a1", { order: "kop-b/ORD-6" });
    let calls = 0;
    const flaky: Appliers = {
      again: async (tx, event) => {
        if (++calls === 1) throw new Error("database of the provider is down");
        return testApplier(tx, event);
      },
    };
    expect(await applyNextEvent(database.db, flaky)).toBe("retried");
    expect(await applyNextEvent(database.db, flaky)).toBeUndefined();
    const due = new Date(Date.now() + RETRY_DELAYS_SECONDS[0]! * 1000 + 1000);
    expect(await applyNextEvent(database.db, flaky, { now: due })).toBe("applied");
    expect(await stored(id)).toMatchObject({ status: "applied", attempts: 2, cooperativeId: cooperativeB, lastError: null });
  });

  it("leaves events of a provider it has no applier for untouched", async () => {
    const { id } = await receive("later-provider", "evt-l1", { order: "kop-a/ORD-7" });
    expect(await applyPendingEvents(database.db, appliersFor("someone-else"))).toEqual({ applied: 0, retried: 0, failed: 0 });
    expect(await applyPendingEvents(database.db, {})).toEqual({ applied: 0, retried: 0, failed: 0 });
    expect(await stored(id)).toMatchObject({ status: "pending", attempts: 0, lastError: null });
  });
});

describe("crashes lose nothing", () => {
  it("an event whose applier's connection dies mid-transaction stays pending and is applied later, once", async () => {
    const { id } = await receive("crash", "evt-x1", { order: "kop-a/ORD-8" });
    const doomed = connect(database.url, { max: 1 });
    let reportPid!: (pid: number) => void;
    const pid = new Promise<number>((resolve) => (reportPid = resolve));
    // Applies halfway (writes its audit record), then hangs until its connection is killed, as a crashed runner would.
    void applyNextEvent(doomed.db, {
      crash: async (tx, event) => {
        await testApplier(tx, event);
        const [row] = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
        reportPid(row!.pid);
        return new Promise(() => {});
      },
    }).catch(() => {});
    await database.sql`select pg_terminate_backend(${await pid})`;
    await doomed.sql.end({ timeout: 1 }).catch(() => {});

    expect(await stored(id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(await appliedTimes("evt-x1")).toBe(0);
    expect(await applyPendingEvents(database.db, appliersFor("crash"))).toEqual({ applied: 1, retried: 0, failed: 0 });
    expect(await appliedTimes("evt-x1")).toBe(1);
  });

  it("an event received while no runner runs is applied when one starts; one received while it runs, at once", async () => {
    // Received with no runner: its nudge reaches nobody (as after a crash between receipt and apply).
    const early = await receive("runner", "evt-j1", { order: "kop-b/ORD-9" });
    const logged: string[] = [];
    // Polling once a minute: the first event is found by the sweep a starting runner makes, the second by its nudge.
    const runner = await startJobRunner(database.url, {
      jobs: [applyInboundEventsJob(database.db, appliersFor("runner"), { log: (line) => logged.push(line) })],
      log: (line) => logged.push(line),
      pollingIntervalSeconds: 60,
    });
    runners.push(runner);
    try {
      await expect.poll(async () => (await stored(early.id)).status, { timeout: 20_000, interval: 50 }).toBe("applied");
      const late = await receive("runner", "evt-j2", { order: "kop-a/ORD-10" });
      await expect.poll(async () => (await stored(late.id)).status, { timeout: 20_000, interval: 50 }).toBe("applied");
      expect(await stored(early.id)).toMatchObject({ cooperativeId: cooperativeB, attempts: 1 });
      expect(await stored(late.id)).toMatchObject({ cooperativeId: cooperativeA, attempts: 1 });
      expect(logged.some((line) => /Inbound events: 1 applied/.test(line))).toBe(true);
    } finally {
      await runner.stop();
    }
  });
});

describe("staff", () => {
  it("see their cooperative's events, and those its own address received that are not applied yet", async () => {
    const appliers = appliersFor("list");
    const ofA1 = await receive("list", "evt-s1", { order: "kop-a/ORD-11" });
    const ofB = await receive("list", "evt-s2", { order: "kop-b/ORD-12" });
    const ofA2 = await receive("list", "evt-s3", { order: "kop-a/ORD-13" });
    await applyPendingEvents(database.db, appliers);
    const atA = await receive("list", "evt-s4", { order: "kop-a/ORD-14" }, { endpointCooperativeId: cooperativeA });
    const nobodys = await receive("list", "evt-s5", { order: "kop-a/ORD-15" });

    const pageOfA = await listInboundEvents(database.db, cooperativeA, { page: 1, pageSize: 50 });
    const idsOfA = pageOfA.items.map((item) => item.id);
    expect(idsOfA).toEqual(expect.arrayContaining([ofA1.id, ofA2.id, atA.id]));
    expect(idsOfA).not.toContain(ofB.id);
    expect(idsOfA).not.toContain(nobodys.id);
    expect(pageOfA.items.find((item) => item.id === atA.id)).toMatchObject({ status: "pending", provider: "list", eventId: "evt-s4" });
    expect(pageOfA.items.find((item) => item.id === ofA1.id)).toMatchObject({ status: "applied", outcome: "order kop-a/ORD-11 marked paid" });
    expect(Object.keys(pageOfA.items[0]!)).not.toContain("rawBody");

    const idsOfB = (await listInboundEvents(database.db, cooperativeB, { page: 1, pageSize: 50 })).items.map((item) => item.id);
    expect(idsOfB).toContain(ofB.id);
    expect(idsOfB).not.toContain(ofA1.id);
    expect(idsOfB).not.toContain(atA.id);

    const pending = await listInboundEvents(database.db, cooperativeA, { page: 1, status: "pending" });
    expect(pending.items.every((item) => item.status === "pending")).toBe(true);
    const paged = await listInboundEvents(database.db, cooperativeA, { page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    expect(paged.pageCount).toBe(paged.total);
    expect((await listInboundEvents(database.db, "not-a-uuid", { page: 1 })).items).toEqual([]);
  });
});
