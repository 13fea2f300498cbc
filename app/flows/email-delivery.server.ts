import path from "node:path";
import type { Db } from "~db/client";
import type { Env } from "~/lib/env.server";
import { issueOneTimeLink } from "~/modules/identity/one-time-links.server";
import { issueApplicationLink } from "~/modules/membership/applications.server";
import { issueOrderLink } from "~/modules/orders/orders.server";
import type { SecretLinkResolver } from "~/modules/notifications/dispatcher.server";
import { publicOrigin } from "~/modules/tenancy/cooperative.server";

/** One-time links are made by identity at the moment of sending, at the configured address of the sending shop. */
export function secretLinkResolver(db: Db): SecretLinkResolver {
  return async ({ cooperativeId, secretLink }) => {
    const origin = await publicOrigin(db, cooperativeId);
    if (secretLink.purpose === "order") {
      if (!cooperativeId) throw new Error("An order link needs its cooperative.");
      return `${origin}/orders/${await issueOrderLink(db, cooperativeId, secretLink.orderId)}`;
    }
    if (secretLink.purpose === "application") {
      if (!cooperativeId) throw new Error("An application link needs its cooperative.");
      return `${origin}/daftar-anggota/status/${await issueApplicationLink(db, cooperativeId, secretLink.applicationId)}`;
    }
    return issueOneTimeLink(db, secretLink, cooperativeId, origin);
  };
}

/** Where a machine's own demo (embedded database, no SMTP_URL) keeps the e-mails it "sends". */
export function localMailboxDirectory(env: Env): string {
  return path.join(env.dataDir, "mailbox");
}
