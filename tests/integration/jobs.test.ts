import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverEmailsJob } from "~/flows/jobs.server";
import { nudgeJob } from "~/modules/jobs/nudge.server";
import { startJobRunner, type JobDefinition, type JobRunner } from "~/modules/jobs/runner.server";
import type { OutgoingMessage } from "~/modules/notifications/dispatcher.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { secretLinkResolver } from "~/flows/email-delivery.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

/**
 * The one job runner (pg-boss underneath) on a real Postgres: retries with backoff, one run per job however many
 * runners, exclusive jobs one at a time, nudges delivered on commit only, recurring jobs once per slot, and the
 * e-mail job delivering the outbox. Outcomes are awaited by polling with generous budgets, never fixed sleeps.
 */

let database: TestDatabase;
const runners: JobRunner[] = [];
const logged: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await database?.close();
});

async function start(jobs: JobDefinition[], options: { pollingIntervalSeconds?: number } = {}): Promise<JobRunner> {
  const runner = await startJobRunner(database.url, { jobs, log: (line) => logged.push(line), pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 });
  runners.push(runner);
  return runner;
}

async function jobState(id: string): Promise<{ state: string; retryCount: number }> {
  const [row] = await database.sql<{ state: string; retry_count: number }[]>`select state, retry_count from pgboss.job where id = ${id}`;
  return { state: row!.state, retryCount: row!.retry_count };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("retries", () => {
  const runs = new Map<string, { attempt: number; at: number }[]>();
  const record = (key: string, attempt: number) => runs.set(key, [...(runs.get(key) ?? []), { attempt, at: Date.now() }]);
  // Both jobs are sent at once and run side by side; each test waits for its own.
  let flakyId: string;
  let doomedId: string;

  beforeAll(async () => {
    const runner = await start([
      {
        name: "flaky",
        retryLimit: 3,
        retryDelaySeconds: 1,
        async run(data, { attempt }) {
          const { key } = data as { key: string };
          record(key, attempt);
          if (attempt < 3) throw new Error(`not yet (attempt ${attempt})`);
        },
      },
      {
        name: "doomed",
        retryLimit: 2,
        retryDelaySeconds: 1,
        async run(data, { attempt }) {
          record((data as { key: string }).key, attempt);
          throw new Error("always broken");
        },
      },
    ]);
    flakyId = (await runner.send("flaky", { key: "flaky-1" }))!;
    doomedId = (await runner.send("doomed", { key: "doomed-1" }))!;
  });

  it("runs a failing job again after growing delays until it succeeds", async () => {
    const id = flakyId;
    await expect.poll(async () => (await jobState(id)).state, { timeout: 25_000, interval: 100 }).toBe("completed");
    const attempts = runs.get("flaky-1")!;
    expect(attempts.map((run) => run.attempt)).toEqual([1, 2, 3]);
    // Backoff: the n-th retry waits at least retryDelay × 2^(n-1) seconds (plus jitter up to as much again).
    const gaps = [attempts[1]!.at - attempts[0]!.at, attempts[2]!.at - attempts[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(1000 - 50);
    expect(gaps[1]).toBeGreaterThanOrEqual(2000 - 50);
    expect(await jobState(id)).toEqual({ state: "completed", retryCount: 2 });
    expect(logged.filter((line) => line.startsWith("Job flaky failed"))).toHaveLength(2);
  });

  it("gives up after its last retry and keeps the job as failed", async () => {
    const id = doomedId;
    await expect.poll(async () => (await jobState(id)).state, { timeout: 25_000, interval: 100 }).toBe("failed");
    expect(runs.get("doomed-1")!.map((run) => run.attempt)).toEqual([1, 2, 3]);
    expect(logged.some((line) => line.startsWith("Job doomed failed (attempt 3, giving up): always broken"))).toBe(true);
    const [row] = await database.sql<{ output: { message: string } }[]>`select output from pgboss.job where id = ${id}`;
    expect(row!.output.message).toBe("always broken");
  });
});

describe("several runners on one database", () => {
  it("never run the same job twice", async () => {
    const executions: { runner: string; n: number }[] = [];
    const counting = (runner: string): JobDefinition => ({
      name: "count",
      concurrency: 3,
      async run(data) {
        executions.push({ runner, n: (data as { n: number }).n });
        await sleep(10 + Math.random() * 30);
      },
    });
    const [a, b] = await Promise.all([start([counting("a")]), start([counting("b")])]);
    const total = 60;
    // Each runner sends half, waking its own loops, so both compete for the same queue.
    await Promise.all(Array.from({ length: total }, (_, n) => (n % 2 ? a : b).send("count", { n })));
    await expect.poll(() => executions.length, { timeout: 25_000, interval: 50 }).toBeGreaterThanOrEqual(total);
    await expect
      .poll(async () => ((await database.sql`select count(*)::int as n from pgboss.job where name = 'count' and state <> 'completed'`) as unknown as [{ n: number }])[0].n, {
        timeout: 20_000,
        interval: 50,
      })
      .toBe(0);
    expect(executions).toHaveLength(total);
    expect(new Set(executions.map((run) => run.n)).size).toBe(total);
    expect(executions.some((run) => run.runner === "a")).toBe(true);
    expect(executions.some((run) => run.runner === "b")).toBe(true);
  });

  it("run an exclusive job on one runner at a time, however often it is asked for", async () => {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const solo: JobDefinition = {
      name: "solo",
      exclusive: true,
      async run() {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        await sleep(100);
        running--;
        runs++;
      },
    };
    const [a, b] = await Promise.all([start([solo]), start([{ ...solo }])]);
    for (let i = 0; i < 20; i++) {
      await (i % 2 ? a : b).send("solo");
      await sleep(25);
    }
    await expect
      .poll(async () => ((await database.sql`select count(*)::int as n from pgboss.job where name = 'solo' and state < 'completed'`) as unknown as [{ n: number }])[0].n, {
        timeout: 25_000,
        interval: 100,
      })
      .toBe(0);
    expect(mostAtOnce).toBe(1);
    // Twenty asks collapse into a few runs: one running and at most one waiting at any time.
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThan(20);
  });

  it("run a recurring job once per slot, whichever runner offers it", async () => {
    const ticks: number[] = [];
    const tick = (): JobDefinition => ({ name: "tick", exclusive: true, everySeconds: 2, async run() { ticks.push(Date.now()); } });
    await Promise.all([start([tick()]), start([tick()]), start([tick()])]);
    await expect.poll(() => ticks.length, { timeout: 25_000, interval: 100 }).toBeGreaterThanOrEqual(3);
    const slots = (await database.sql`select singleton_on::text as slot from pgboss.job where name = 'tick'`) as unknown as { slot: string }[];
    // One job per two-second slot (the database keeps one per slot), each run once.
    expect(new Set(slots.map((row) => row.slot)).size).toBe(slots.length);
    expect(ticks.length).toBeLessThanOrEqual(slots.length);
  });
});

describe("nudges", () => {
  it("wake an exclusive job when the transaction that asked commits, never when it rolls back", async () => {
    let runs = 0;
    // Polling once a minute: only a nudge makes it run within the test's budget.
    await start([{ name: "nudged", exclusive: true, async run() { runs++; } }], { pollingIntervalSeconds: 60 });
    await database.db
      .transaction(async (tx) => {
        await nudgeJob(tx, "nudged");
        throw new Error("roll back");
      })
      .catch(() => {});
    await sleep(1000);
    expect(runs).toBe(0);
    await database.db.transaction(async (tx) => nudgeJob(tx, "nudged"));
    await expect.poll(() => runs, { timeout: 20_000, interval: 50 }).toBe(1);
  });
});

describe("the e-mail job", () => {
  it("delivers every e-mail the outbox gets exactly once, with two runners at work", async () => {
    const sent: OutgoingMessage[] = [];
    const capture = { sendMail: async (message: OutgoingMessage) => void sent.push(message) };
    const job = () => deliverEmailsJob(database.db, capture, { from: "Etalase <no-reply@etalase.test>", log: () => {}, resolveSecretLink: secretLinkResolver(database.db) });
    await Promise.all([start([job()], { pollingIntervalSeconds: 60 }), start([job()], { pollingIntervalSeconds: 60 })]);
    const count = 30;
    for (let i = 0; i < count; i++) {
      await database.db.transaction((tx) =>
        enqueueEmail(
          tx,
          { cooperativeId: null, to: `buyer${i}@example.test`, locale: "id", template: "account_exists", data: { name: "Ani", cooperativeName: "Koperasi", signInLink: "https://etalase.test/sign-in", resetLink: "https://etalase.test/forgot-password" } },
          { deliver: true },
        ),
      );
    }
    await expect.poll(() => sent.length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    await expect
      .poll(async () => ((await database.sql`select count(*)::int as n from outbox_emails where status <> 'sent'`) as unknown as [{ n: number }])[0].n, { timeout: 20_000 })
      .toBe(0);
    expect(sent).toHaveLength(count);
    expect(new Set(sent.map((message) => message.to)).size).toBe(count);
  });
});

describe("stopping", () => {
  it("waits for a running job to finish and records it", async () => {
    let started = false;
    let finished = false;
    const runner = await startJobRunner(database.url, {
      log: (line) => logged.push(line),
      pollingIntervalSeconds: 0.5,
      jobs: [
        {
          name: "slow",
          async run() {
            started = true;
            await sleep(500);
            finished = true;
          },
        },
      ],
    });
    const id = (await runner.send("slow"))!;
    await expect.poll(() => started, { timeout: 20_000, interval: 20 }).toBe(true);
    await runner.stop();
    expect(finished).toBe(true);
    expect((await jobState(id)).state).toBe("completed");
    await expect(runner.send("slow")).rejects.toThrow();
  });
});
