import type { Db } from "~db/client";
import { purgeExpiredIdentityRecords } from "~/modules/identity/purge.server";

/**
 * Housekeeping on a schedule: now the purge of spent sessions, links, sign-ups and rate-limit rows, once at start
 * and then hourly. (The job runner of the money work will take this over; until then a timer per server, which is
 * harmless because the purge is idempotent.)
 */
export function startMaintenance(db: Db, options: { log: (line: string) => void; intervalMs?: number }): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? 60 * 60 * 1000;
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= purgeExpiredIdentityRecords(db)
      .then((result) => {
        const removed = result.sessions + result.links + result.signUps + result.rateLimits;
        if (removed > 0) options.log(`Purged ${result.sessions} ended sessions, ${result.links} spent links, ${result.signUps} unconfirmed sign-ups, ${result.rateLimits} old rate-limit windows.`);
      })
      .catch((error: unknown) => options.log(`Purge failed, retried next hour: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const first = setTimeout(run, 5_000);
  first.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
