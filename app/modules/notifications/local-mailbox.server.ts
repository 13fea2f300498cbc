import fs from "node:fs/promises";
import path from "node:path";
import type { MailTransport, OutgoingMessage } from "./dispatcher.server";

export interface LocalMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

const oneTimeLinkPattern = /https?:\/\/\S+\/(?:invite|reset-password|sign-up\/confirm)\/[\w-]+/g;

/**
 * The local demo's mail server: each e-mail becomes a JSON file in `directory` (readable by whoever runs the
 * shop on this machine, and at /dev/mailbox from this machine only) and a line on the server's console with
 * its one-time link, if any. Used only where the database is the embedded one, so never in production.
 */
export function localMailboxTransport(directory: string, log: (line: string) => void): MailTransport {
  return {
    async sendMail(message: OutgoingMessage) {
      await fs.mkdir(directory, { recursive: true, mode: 0o700 });
      const sentAt = new Date().toISOString();
      const file = `${sentAt.replace(/[:.]/g, "-")}-${message.messageId.replace(/[^\w-]/g, "")}.json`;
      const mail: Omit<LocalMail, "file"> = { to: message.to, subject: message.subject, text: message.text, html: message.html, sentAt };
      // Written aside and renamed into place, so a reader (the /dev/mailbox page, a test) never sees half an e-mail.
      const partial = path.join(directory, `.${file}.partial`);
      await fs.writeFile(partial, JSON.stringify(mail, null, 2), { mode: 0o600 });
      await fs.rename(partial, path.join(directory, file));
      const links = message.text.match(oneTimeLinkPattern) ?? [];
      log(`E-mail to ${message.to}: ${message.subject}${links.map((link) => `\n  ${link}`).join("")}`);
    },
  };
}

/** The local mailbox, newest first (at most `limit`). */
export async function readLocalMailbox(directory: string, limit = 50): Promise<LocalMail[]> {
  let files: string[];
  try {
    files = (await fs.readdir(directory)).filter((name) => name.endsWith(".json"));
  } catch {
    return [];
  }
  files.sort().reverse();
  const mails = await Promise.all(
    files.slice(0, limit).map(async (file) => ({ file, ...(JSON.parse(await fs.readFile(path.join(directory, file), "utf8")) as Omit<LocalMail, "file">) })),
  );
  return mails;
}
