import PgBoss from "pg-boss";
import postgres from "postgres";
import { JOBS_CHANNEL } from "./nudge.server";

/**
 * The one job runner for all background work: pg-boss (its tables in the `pgboss` schema of the shop's database)
 * stores, claims, retries and expires jobs; this module drives it. Framework-free: a job is a name and a function.
 * Any number of runners may work on one database (the app servers' and `npm run worker`'s): a job is claimed by one
 * of them (FOR UPDATE SKIP LOCKED), and an exclusive job never runs on two at once. Decision 0017 says why.
 */

export interface JobContext {
  /** pg-boss's id of this job. */
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  /** Aborted when the runner stops: a long job may end early and leave the rest to its next run. */
  signal: AbortSignal;
}

export interface JobDefinition {
  /** The queue's name (letters, digits, `-`, `_`). */
  name: string;
  /** Throwing fails this attempt: the job runs again after a growing delay, up to `retryLimit` more times. */
  run: (data: unknown, context: JobContext) => Promise<unknown>;
  /**
   * At most one of this job runs at a time across every runner on the database, and at most one more waits
   * (pg-boss's `stately` policy). For jobs that sweep a table: a burst of nudges collapses into one run.
   */
  exclusive?: boolean;
  /** Sends this job once per slot of this many seconds (slots counted by the database's clock), on any runner. */
  everySeconds?: number;
  /** Retries after the first failed attempt (default 5). */
  retryLimit?: number;
  /** Delay before the first retry in whole seconds (default 10); doubled for each next one, with jitter. */
  retryDelaySeconds?: number;
  /**
   * A job still active after this long is taken for lost (its runner crashed) and retried (default 15 minutes).
   * Keep a job's work well within it.
   */
  expireInSeconds?: number;
  /** How many of this job one runner works on at once (default 1). */
  concurrency?: number;
}

export interface JobRunnerOptions {
  jobs: JobDefinition[];
  log?: (line: string) => void;
  /** How often an idle runner looks for due jobs (default 2 s, at least 0.5 s). Nudges wake it at once. */
  pollingIntervalSeconds?: number;
  /** pg-boss's connection pool (default 4), besides the one connection that listens for nudges. */
  maxConnections?: number;
  /** Where pg-boss keeps its tables (default `pgboss`). */
  schema?: string;
  /** How long `stop()` waits for running jobs (default 30 s); a job cut off is retried after it expires. */
  stopTimeoutMs?: number;
}

export interface SendOptions {
  /** Start no sooner than this many seconds from now. */
  startAfterSeconds?: number;
  /** For exclusive jobs: jobs with different keys do not exclude each other. */
  singletonKey?: string;
}

export interface JobRunner {
  /** Queues one run of a registered job; returns its id, or null when an exclusive job already waits. */
  send(name: string, data?: object, options?: SendOptions): Promise<string | null>;
  /** Stops taking jobs, waits for running ones (up to `stopTimeoutMs`), closes its connections. */
  stop(): Promise<void>;
}

const MIN_POLLING_MS = 500;
const DEFAULT_ARCHIVE_SECONDS = 12 * 60 * 60;

export async function startJobRunner(url: string, options: JobRunnerOptions): Promise<JobRunner> {
  const log = (line: string) => {
    try {
      (options.log ?? console.log)(line);
    } catch {
      // A broken logger must not stop the jobs.
    }
  };
  const jobs = new Map<string, JobDefinition>();
  for (const job of options.jobs) {
    if (!/^[\w-]+$/.test(job.name)) throw new Error(`startJobRunner: bad job name "${job.name}"`);
    if (jobs.has(job.name)) throw new Error(`startJobRunner: job "${job.name}" registered twice`);
    jobs.set(job.name, job);
  }
  const pollingMs = Math.max(MIN_POLLING_MS, Math.round((options.pollingIntervalSeconds ?? 2) * 1000));
  const longestSlot = Math.max(0, ...options.jobs.map((job) => job.everySeconds ?? 0));

  const boss = new PgBoss({
    connectionString: url,
    schema: options.schema ?? "pgboss",
    max: options.maxConnections ?? 4,
    application_name: "etalase-jobs",
    // Recurring jobs are throttled sends (below), not pg-boss's cron: its cron worker completes jobs without
    // awaiting the query, so a database hiccup there would surface as an unhandled rejection.
    schedule: false,
    // Maintenance, on whichever runner's turn it is: expires jobs left active by a crashed runner, archives and
    // deletes finished ones.
    supervise: true,
    maintenanceIntervalSeconds: 60,
    // A recurring job's slot must not outlive its record, or a slot could run twice.
    archiveCompletedAfterSeconds: Math.max(DEFAULT_ARCHIVE_SECONDS, 2 * longestSlot),
  });
  boss.on("error", (error: unknown) => {
    // An idle pooled connection closed by a database shutting down or restarting (57P01): the pool opens a new one
    // when needed. With the embedded database, Ctrl-C stops Postgres alongside the runner, so this is routine.
    if (typeof error === "object" && error && "code" in error && error.code === "57P01") return;
    log(`Job runner: ${describeError(error)}`);
  });

  // Runners starting at once (app servers and workers after a deploy) take turns: pg-boss creates a queue's
  // partition with DDL that deadlocks against another runner creating the same queue. The lock is held by a
  // session of its own and ends with it.
  const setup = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "etalase-jobs-setup" } });
  try {
    await setup`select pg_advisory_lock(hashtextextended('etalase.jobs.setup', 0))`;
    await boss.start();
    try {
      for (const job of jobs.values()) {
        const queue: Omit<PgBoss.Queue, "name"> = {
          policy: job.exclusive ? "stately" : "standard",
          retryLimit: Math.max(0, Math.floor(job.retryLimit ?? 5)),
          retryDelay: Math.max(1, Math.floor(job.retryDelaySeconds ?? 10)),
          retryBackoff: true,
          expireInSeconds: Math.max(1, Math.floor(job.expireInSeconds ?? 15 * 60)),
        };
        await boss.createQueue(job.name, { name: job.name, ...queue });
        // An existing queue keeps its settings otherwise: this deployment's code decides them.
        await boss.updateQueue(job.name, { name: job.name, ...queue });
      }
    } catch (error) {
      await boss.stop({ graceful: false, timeout: 1000 }).catch(() => {});
      throw error;
    }
  } finally {
    await setup.end({ timeout: 5 }).catch(() => {});
  }

  let listener: postgres.Sql | undefined;
  let stopping = false;
  const stopped = new AbortController();
  const waiting = new Map<string, Set<() => void>>();
  const pending = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    pending.add(promise);
    void promise.finally(() => pending.delete(promise)).catch(() => {});
    return promise;
  };

  // A wake-up that comes while a loop is busy is remembered, so the loop looks again before it sleeps.
  const woken = new Set<string>();

  /** Wakes the loops of job `name` so they look for work now. */
  const wake = (name: string) => {
    woken.add(name);
    for (const resolve of waiting.get(name) ?? []) resolve();
  };

  const idle = (name: string) =>
    new Promise<void>((resolve) => {
      if (woken.has(name)) return resolve();
      const set = waiting.get(name) ?? new Set<() => void>();
      waiting.set(name, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollingMs);
      set.add(done);
    });

  const runOne = async (job: JobDefinition, claimed: PgBoss.JobWithMetadata<unknown>) => {
    const attempt = claimed.retryCount + 1;
    let failure: unknown;
    let succeeded = false;
    try {
      await job.run(claimed.data, { id: claimed.id, attempt, signal: stopped.signal });
      succeeded = true;
    } catch (error) {
      failure = error;
    }
    try {
      if (succeeded) {
        await boss.complete(job.name, claimed.id);
      } else {
        const willRetry = attempt <= claimed.retryLimit;
        log(`Job ${job.name} failed (attempt ${attempt}${willRetry ? ", will retry" : ", giving up"}): ${describeError(failure)}`);
        await boss.fail(job.name, claimed.id, { message: describeError(failure) });
      }
    } catch (error) {
      // The job stays active in the table until it expires; then it is retried.
      log(`Job ${job.name}: could not record its outcome (${describeError(error)}); it runs again once it expires.`);
    }
  };

  const loop = async (job: JobDefinition) => {
    while (!stopping) {
      let claimed: PgBoss.JobWithMetadata<unknown> | undefined;
      woken.delete(job.name);
      try {
        [claimed] = await boss.fetch<unknown>(job.name, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        log(`Job ${job.name}: ${describeError(error)}`);
      }
      if (claimed) {
        await runOne(job, claimed);
      } else if (!stopping) {
        await idle(job.name);
      }
    }
  };

  const send = async (name: string, data: object = {}, sendOptions: SendOptions & { singletonSeconds?: number } = {}) => {
    if (!jobs.has(name)) throw new Error(`No job "${name}" is registered with this runner.`);
    const id = await boss.send(name, data, {
      startAfter: sendOptions.startAfterSeconds && sendOptions.startAfterSeconds > 0 ? sendOptions.startAfterSeconds : undefined,
      singletonKey: sendOptions.singletonKey,
      singletonSeconds: sendOptions.singletonSeconds,
    });
    if (!sendOptions.startAfterSeconds) wake(name);
    return id;
  };

  // Nudges: a committed transaction asks for an exclusive job now (see nudgeJob). Every runner hears it; the
  // queue's policy keeps it to one waiting run.
  try {
    listener = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: "etalase-jobs-listen" } });
    await listener.listen(JOBS_CHANNEL, (name) => {
      const job = jobs.get(name);
      if (!job?.exclusive || stopping) return;
      void track(send(name).catch((error: unknown) => log(`Job ${name}: nudge not queued (${describeError(error)}); its sweep will run it.`)));
    });
  } catch (error) {
    // Without nudges every job still runs on its schedule.
    log(`Job runner: not listening for nudges (${describeError(error)}).`);
    await listener?.end({ timeout: 1 }).catch(() => {});
    listener = undefined;
  }

  // Recurring jobs: every runner offers the job for the current slot a few times per slot; the database keeps
  // one per slot (pg-boss's throttling: unique name and slot).
  const timers: NodeJS.Timeout[] = [];
  for (const job of jobs.values()) {
    if (!job.everySeconds) continue;
    const every = Math.max(1, Math.round(job.everySeconds));
    const offer = () => {
      if (stopping) return;
      void track(send(job.name, {}, { singletonSeconds: every }).catch((error: unknown) => log(`Job ${job.name}: not scheduled (${describeError(error)}).`)));
    };
    offer();
    const timer = setInterval(offer, Math.min(30_000, Math.max(1000, (every * 1000) / 2)));
    timer.unref();
    timers.push(timer);
  }

  const loops: Promise<void>[] = [];
  for (const job of jobs.values()) {
    for (let i = 0; i < Math.max(1, Math.floor(job.concurrency ?? 1)); i++) loops.push(loop(job));
  }

  let stopPromise: Promise<void> | undefined;
  return {
    async send(name, data, sendOptions) {
      if (stopping) throw new Error("The job runner is stopped.");
      return send(name, data, sendOptions);
    },
    stop() {
      stopPromise ??= (async () => {
        stopping = true;
        for (const timer of timers) clearInterval(timer);
        stopped.abort();
        for (const name of jobs.keys()) wake(name);
        await listener?.end({ timeout: 5 }).catch(() => {});
        const timeoutMs = options.stopTimeoutMs ?? 30_000;
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          Promise.allSettled(loops).then(() => true),
          new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (!finished) log(`Job runner: jobs still running after ${timeoutMs} ms; they run again once they expire.`);
        await Promise.allSettled([...pending]);
        await boss.stop({ graceful: true, wait: true, close: true, timeout: 1000 }).catch((error: unknown) => log(`Job runner: ${describeError(error)}`));
      })();
      return stopPromise;
    },
  };
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : typeof error === "object" && error && "message" in error ? String(error.message) : String(error);
  return (message.trim() || "Unknown error").slice(0, 1000);
}
