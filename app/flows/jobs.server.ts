import type { Db } from "~db/client";
import type { Env } from "~/lib/env.server";
import { purgeOldSubmissions } from "~/lib/form-token.server";
import { purgeExpiredIdentityRecords } from "~/modules/identity/purge.server";
import { APPLY_INBOUND_EVENTS_JOB, applyPendingEvents, type Appliers } from "~/modules/inbox/inbox.server";
import { startJobRunner, type JobDefinition, type JobRunner } from "~/modules/jobs/runner.server";
import { deliverDueEmails, smtpTransport, type MailTransport, type SecretLinkResolver } from "~/modules/notifications/dispatcher.server";
import { localMailboxTransport } from "~/modules/notifications/local-mailbox.server";
import { DELIVER_EMAILS_JOB, emailDelivery } from "~/modules/notifications/outbox.server";
import { localMailboxDirectory, secretLinkResolver } from "./email-delivery.server";
import { purgeAbandonedCarts } from "~/modules/checkout/cart.server";
import { expireDueOrders } from "./expire-orders.server";
import { completeDueOrders } from "./fulfil-order.server";
import { paymentGateway } from "./payment-accounts.server";
import type { PaymentGateway } from "./payment-gateway.server";

/**
 * All background work of the shop, as jobs on the one job runner (decision 0017). Each job sweeps durable rows
 * that are the source of truth (the outbox, the inbox, expired identity records, old form tokens), so running it
 * again, or on another runner, or after a crash, never does anything twice or loses anything.
 */

export const PURGE_IDENTITY_RECORDS_JOB = "purge-identity-records";
export const EXPIRE_ORDERS_JOB = "expire-orders";
export const PURGE_ABANDONED_CARTS_JOB = "purge-abandoned-carts";
export const PURGE_FORM_SUBMISSIONS_JOB = "purge-form-submissions";
export const COMPLETE_ORDERS_JOB = "complete-orders";

/** Sweeps are cut into runs of at most this long, well within a job's 15-minute expiry. */
const RUN_BUDGET_MS = 5 * 60 * 1000;

/**
 * Sends due e-mails of the outbox (claims, leases and per-e-mail retries as in decision 0010). Woken by each
 * enqueued e-mail's commit; once a minute it also sweeps, for retries that came due and anything a nudge missed.
 */
export function deliverEmailsJob(
  db: Db,
  transport: MailTransport,
  options: { from: string; log: (line: string) => void; resolveSecretLink?: SecretLinkResolver },
): JobDefinition {
  const batchSize = 20;
  return {
    name: DELIVER_EMAILS_JOB,
    exclusive: true,
    everySeconds: 60,
    retryDelaySeconds: 10,
    async run(_data, { signal }) {
      const started = Date.now();
      for (;;) {
        const result = await deliverDueEmails(db, transport, { batchSize, from: options.from, resolveSecretLink: options.resolveSecretLink });
        if (result.sent || result.retried || result.failed) {
          options.log(`E-mail: ${result.sent} sent, ${result.retried} to retry, ${result.failed} failed.`);
        }
        // A full batch: more may be waiting.
        if (result.sent + result.retried + result.failed < batchSize || signal.aborted || Date.now() - started > RUN_BUDGET_MS) return;
      }
    },
  };
}

/** A purge of rows kept past their use, once an hour; `purge` answers the line to log, or nothing when it removed nothing. */
function hourlyPurgeJob(name: string, purge: () => Promise<string | undefined>, log: (line: string) => void): JobDefinition {
  return {
    name,
    exclusive: true,
    everySeconds: 60 * 60,
    retryDelaySeconds: 60,
    async run() {
      const line = await purge();
      if (line) log(line);
    },
  };
}

/** Spent sessions, links, sign-ups and rate-limit windows (decision 0016). */
export function purgeIdentityRecordsJob(db: Db, options: { log: (line: string) => void }): JobDefinition {
  return hourlyPurgeJob(
    PURGE_IDENTITY_RECORDS_JOB,
    async () => {
      const result = await purgeExpiredIdentityRecords(db);
      if (result.sessions + result.links + result.signUps + result.rateLimits === 0) return undefined;
      return `Purged ${result.sessions} ended sessions, ${result.links} spent links, ${result.signUps} unconfirmed sign-ups, ${result.rateLimits} old rate-limit windows.`;
    },
    options.log,
  );
}

/** One-time form tokens and their kept answers, two days after they were claimed (decision 0015). */
export function purgeFormSubmissionsJob(db: Db, options: { log: (line: string) => void }): JobDefinition {
  return hourlyPurgeJob(
    PURGE_FORM_SUBMISSIONS_JOB,
    async () => {
      const purged = await purgeOldSubmissions(db);
      return purged > 0 ? `Purged ${purged} old form submissions.` : undefined;
    },
    options.log,
  );
}

/** Carts nobody touched for a month, once an hour. */
export function purgeAbandonedCartsJob(db: Db, options: { log: (line: string) => void }): JobDefinition {
  return hourlyPurgeJob(
    PURGE_ABANDONED_CARTS_JOB,
    async () => {
      const purged = await purgeAbandonedCarts(db);
      return purged > 0 ? `Purged ${purged} abandoned carts.` : undefined;
    },
    options.log,
  );
}

/**
 * Ends unpaid orders past their time to pay and releases their stock (after asking the provider whether a
 * payment was made whose notification never came), once a minute.
 */
export function expireOrdersJob(db: Db, gateway: PaymentGateway, options: { log: (line: string) => void }): JobDefinition {
  return {
    name: EXPIRE_ORDERS_JOB,
    exclusive: true,
    everySeconds: 60,
    retryDelaySeconds: 30,
    async run() {
      const result = await expireDueOrders(db, gateway.statusCheck(db));
      if (result.expired || result.paid) options.log(`Orders: ${result.expired} expired, ${result.paid} found paid at the provider.`);
    },
  };
}

/** Completes delivered and picked-up orders after each cooperative's days to complete (decision 31), every 10 minutes. */
export function completeOrdersJob(db: Db, options: { log: (line: string) => void }): JobDefinition {
  return {
    name: COMPLETE_ORDERS_JOB,
    exclusive: true,
    everySeconds: 10 * 60,
    retryDelaySeconds: 60,
    async run() {
      const completed = await completeDueOrders(db);
      if (completed) options.log(`Orders: ${completed} completed.`);
    },
  };
}

/**
 * Applies due inbound events with the providers' appliers. Woken by each received event's commit; once a minute it
 * also sweeps, so an event received while no runner ran (or whose nudge was lost) is applied all the same.
 */
export function applyInboundEventsJob(db: Db, appliers: Appliers, options: { log: (line: string) => void }): JobDefinition {
  return {
    name: APPLY_INBOUND_EVENTS_JOB,
    exclusive: true,
    everySeconds: 60,
    retryDelaySeconds: 10,
    async run(_data, { signal }) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), RUN_BUDGET_MS);
      try {
        const result = await applyPendingEvents(db, appliers, { signal: AbortSignal.any([signal, deadline.signal]) });
        if (result.applied || result.retried || result.failed) {
          options.log(`Inbound events: ${result.applied} applied, ${result.retried} to retry, ${result.failed} failed.`);
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** How this deployment sends e-mail: SMTP_URL, the local demo's mailbox, or not at all (kept for staff). */
function mailTransport(env: Env, options: { log: (line: string) => void; mailboxDirectory?: string }): MailTransport | undefined {
  switch (emailDelivery()) {
    case "smtp":
      return smtpTransport(env.SMTP_URL!);
    case "local-mailbox":
      return localMailboxTransport(options.mailboxDirectory ?? localMailboxDirectory(env), options.log);
    case "kept":
      return undefined;
  }
}

/**
 * Starts the job runner with every job of the shop on `url` (the database `db` is connected to). `npm start` and
 * `npm run dev` run it in-process (unless JOBS=off), `npm run worker` on its own; any number may run at once.
 */
export async function startBackgroundJobs(
  db: Db,
  url: string,
  env: Env,
  options: { log: (line: string) => void; mailboxDirectory?: string; gateway?: PaymentGateway },
): Promise<JobRunner> {
  const transport = mailTransport(env, options);
  const delivery = emailDelivery();
  const gateway = options.gateway ?? paymentGateway();
  const jobs: JobDefinition[] = [
    purgeIdentityRecordsJob(db, options),
    purgeFormSubmissionsJob(db, options),
    purgeAbandonedCartsJob(db, options),
    applyInboundEventsJob(db, gateway.appliers(), options),
    expireOrdersJob(db, gateway, options),
    completeOrdersJob(db, options),
  ];
  if (transport) {
    jobs.push(
      deliverEmailsJob(db, transport, {
        from: env.SMTP_FROM,
        // The local mailbox prints each e-mail itself.
        log: delivery === "smtp" ? options.log : () => {},
        resolveSecretLink: secretLinkResolver(db),
      }),
    );
  }
  let runner: JobRunner;
  try {
    runner = await startJobRunner(url, { jobs, log: options.log });
  } catch (error) {
    transport?.close?.();
    throw error;
  }
  return {
    send: runner.send,
    async stop() {
      await runner.stop();
      transport?.close?.();
    },
  };
}
