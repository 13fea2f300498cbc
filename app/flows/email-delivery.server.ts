import path from "node:path";
import type { Db } from "~db/client";
import type { Env } from "~/lib/env.server";
import { issueOneTimeLink } from "~/modules/identity/one-time-links.server";
import {
  smtpTransport,
  startEmailDispatcher,
  type EmailDispatcher,
  type SecretLinkResolver,
} from "~/modules/notifications/dispatcher.server";
import { localMailboxTransport } from "~/modules/notifications/local-mailbox.server";
import { emailDelivery } from "~/modules/notifications/outbox.server";
import { publicOrigin } from "~/modules/tenancy/cooperative.server";

/** One-time links are made by identity at the moment of sending, at the configured address of the sending shop. */
export function secretLinkResolver(db: Db): SecretLinkResolver {
  return async ({ cooperativeId, secretLink }) => issueOneTimeLink(db, secretLink, cooperativeId, await publicOrigin(db, cooperativeId));
}

export function localMailboxDirectory(env: Env): string {
  return path.join(env.dataDir, "mailbox");
}

/**
 * Starts sending the outbox the way this deployment delivers e-mail: through SMTP_URL, or into the local
 * mailbox of a machine's own demo. Kept e-mails (an external database without SMTP) need no sender.
 */
export function startEmailDelivery(
  db: Db,
  env: Env,
  options: { log: (line: string) => void; mailboxDirectory?: string },
): EmailDispatcher | undefined {
  const resolveSecretLink = secretLinkResolver(db);
  switch (emailDelivery()) {
    case "smtp":
      return startEmailDispatcher(db, smtpTransport(env.SMTP_URL!), { from: env.SMTP_FROM, log: options.log, resolveSecretLink });
    case "local-mailbox": {
      const transport = localMailboxTransport(options.mailboxDirectory ?? localMailboxDirectory(env), options.log);
      return startEmailDispatcher(db, transport, { from: env.SMTP_FROM, log: () => {}, resolveSecretLink, intervalMs: 500 });
    }
    case "kept":
      return undefined;
  }
}
