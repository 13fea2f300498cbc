import type { Db } from "~db/client";
import { secretLinkResolver } from "~/flows/email-delivery.server";
import { deliverDueEmails, type OutgoingMessage } from "~/modules/notifications/dispatcher.server";

/** Sends every due e-mail the way the shop does (one-time links made at sending) and returns what left. */
export async function sendDueEmails(db: Db): Promise<OutgoingMessage[]> {
  const sent: OutgoingMessage[] = [];
  await deliverDueEmails(db, { sendMail: async (message) => void sent.push(message) }, {
    batchSize: 500,
    from: "Etalase <no-reply@etalase.test>",
    resolveSecretLink: secretLinkResolver(db),
  });
  return sent;
}

/** The one link to `path` in a sent e-mail (its text part), and its token. */
export function linkIn(message: OutgoingMessage | undefined, path: "/invite/" | "/reset-password/" | "/sign-up/confirm/" | "/daftar-anggota/status/") {
  const match = new RegExp(`(https?://[^\\s/]+)${path.replace(/\//g, "\\/")}([\\w-]+)`).exec(message?.text ?? "");
  if (!match) throw new Error(`no ${path} link in ${message ? `"${message.subject}"` : "a missing e-mail"}`);
  return { url: match[0], origin: match[1]!, token: match[2]! };
}

export function mailTo(messages: OutgoingMessage[], to: string): OutgoingMessage | undefined {
  return messages.filter((message) => message.to === to).at(-1);
}
