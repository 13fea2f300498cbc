import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { secretLinkResolver } from "~/flows/email-delivery.server";
import { deliverEmailsJob } from "~/flows/jobs.server";
import { startJobRunner } from "~/modules/jobs/runner.server";
import { deliverDueEmails, smtpTransport, type MailTransport } from "~/modules/notifications/dispatcher.server";
import { enqueueEmail, getOutboxEmail, latestEmailTo, listOutbox, SECRET_LINK } from "~/modules/notifications/outbox.server";
import { renderEmail } from "~/modules/notifications/templates";
import { cooperativeHosts, cooperatives, oneTimeTokens, outboxEmails, users } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";

interface ReceivedMessage {
  envelopeTo: string[];
  headers: Map<string, string>;
  body: string;
}

const FROM = "Koperasi Uji <no-reply@koperasi.test>";

let database: TestDatabase;
let cooperativeA: string;
let cooperativeB: string;
let smtp: SMTPServer;
let port: number;
let received: ReceivedMessage[] = [];
let rejectRecipients = false;
let transport: MailTransport & { close(): void };

/** Headers (unfolded, names lower-cased, RFC 2047 words decoded) and the raw body of one message. */
function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), "latin1").toString("utf8"),
    );
}

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

  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1000,
    onRcptTo(_address, _session, callback) {
      if (!rejectRecipients) return callback();
      const error = Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), ...parseMessage(Buffer.concat(chunks).toString("utf8")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    const server = smtp.listen(0, "127.0.0.1", () => {
      port = (server.address() as AddressInfo).port;
      resolve();
    });
  });
  transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
});

afterAll(async () => {
  transport?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await database?.close();
});

beforeEach(async () => {
  // Each test starts with an empty outbox and an empty mailbox: a dispatcher sends whatever is due.
  await database.db.delete(outboxEmails);
  received = [];
  rejectRecipients = false;
});

function enqueueReceived(to: string, options: { deliver: boolean; cooperativeId?: string | null } = { deliver: true }) {
  return enqueueEmail(
    database.db,
    {
      cooperativeId: options.cooperativeId === undefined ? cooperativeA : options.cooperativeId,
      to,
      locale: "id",
      template: "account_exists",
      data: { name: "Ibu Ani", cooperativeName: "Koperasi Ani", signInLink: "https://a.etalase.test/sign-in", resetLink: "https://a.etalase.test/forgot-password" },
    },
    { deliver: options.deliver },
  );
}

async function row(id: string) {
  const [found] = await database.db.select().from(outboxEmails).where(eq(outboxEmails.id, id));
  return found!;
}

describe("templates", () => {
  it("renders every template in Indonesian and English, escaping interpolated values in the HTML", () => {
    const hostile = '<script>alert("x")</script> & \'Co\'';
    for (const locale of ["id", "en"] as const) {
      const rejected = renderEmail(
        "application_rejected",
        { ownerName: hostile, businessName: "Kue <b>Enak</b>", cooperativeName: "Koperasi A", reason: "Foto kurang jelas\n<img src=x onerror=alert(1)>", link: "https://a.etalase.test/daftar-anggota/status/abc" },
        locale,
      );
      expect(rejected.html).not.toContain("<script>");
      expect(rejected.html).not.toContain("<b>Enak");
      expect(rejected.html).not.toContain("<img");
      expect(rejected.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;");
      expect(rejected.html).toContain("Foto kurang jelas<br>&lt;img src=x onerror=alert(1)&gt;");
      expect(rejected.subject).toContain("Kue <b>Enak</b>");
      // The text part is the plain words, readable on its own.
      expect(rejected.text).toContain(hostile);
      expect(rejected.text).toContain("Foto kurang jelas\n<img src=x onerror=alert(1)>");
      expect(rejected.text).not.toContain("&lt;");

      const link = 'https://shop.test/reset-password/abc?x=1&y="2"';
      const reset = renderEmail("password_reset", { name: "Ani", link, minutes: 60 }, locale);
      expect(reset.html).toContain('href="https://shop.test/reset-password/abc?x=1&amp;y=&quot;2&quot;"');
      expect(reset.text).toContain(`\n${link}\n`);
      expect(reset.text).toContain("60");

      const sneaky = renderEmail("helper_invite", { businessName: "Usaha", cooperativeName: "Koperasi A", link: "javascript:alert(1)" }, locale);
      expect(sneaky.html).not.toContain('href="javascript:');

      const invite = renderEmail("invite", { name: "Ani", cooperativeName: "Koperasi A", link: "https://a.test/invite/t", memberNumber: "AGT-0007" }, locale);
      expect(invite.text).toContain("AGT-0007");
      expect(invite.text).toContain("https://a.test/invite/t");
      const manager = renderEmail("invite", { name: "Ani", cooperativeName: "Koperasi A", link: "https://a.test/invite/t", memberNumber: "" }, locale);
      expect(manager.text).not.toMatch(/AGT|member number|nomor anggota/i);

      for (const confirmed of [true, false]) {
        const bank = renderEmail(
          "bank_account_decided",
          { name: "Yuyun Wahyuni", businessName: "Usaha & Co", cooperativeName: "Koperasi A", confirmed, maskedNumber: "••••7890", link: "https://a.test/member/settings#bank" },
          locale,
        );
        expect(bank.text).toContain("••••7890");
        expect(bank.text).toMatch(/^(Halo|Hello) Yuyun Wahyuni,/);
        expect(bank.text).toContain("https://a.test/member/settings#bank");
        expect(bank.html).toContain("Usaha &amp; Co");
      }
    }
    const id = renderEmail("password_reset", { name: "Ani", link: "https://a.test/r", minutes: 60 }, "id");
    const en = renderEmail("password_reset", { name: "Ani", link: "https://a.test/r", minutes: 60 }, "en");
    expect(id.subject).toBe("Atur ulang kata sandi Anda");
    expect(en.subject).toBe("Reset your password");
    expect(id.text).toMatch(/abaikan/);
    expect(en.text).toMatch(/ignore/);
    expect(id.html).toContain('lang="id"');
    expect(en.html).toContain('lang="en"');
  });
});

describe("the outbox", () => {
  it("keeps e-mails for staff when not delivering: nothing is sent", async () => {
    const id = await enqueueReceived("kept@example.test", { deliver: false });
    const kept = await row(id);
    expect(kept).toMatchObject({ status: "kept", attempts: 0, toAddress: "kept@example.test", template: "account_exists", locale: "id" });
    expect(kept.subject).toBe("Anda sudah punya akun di Koperasi Ani");
    expect(kept.textBody).toContain("Halo Ibu Ani,");
    expect(await deliverDueEmails(database.db, transport, { from: FROM, now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(received).toHaveLength(0);
    expect((await row(id)).status).toBe("kept");
  });

  it("is written in the caller's transaction: a rollback leaves no e-mail", async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueEmail(tx, {
          cooperativeId: cooperativeA,
          to: "rollback@example.test",
          locale: "en",
          template: "account_exists",
          data: { name: "Ani", cooperativeName: "Koperasi A", signInLink: "https://a.etalase.test/sign-in", resetLink: "https://a.etalase.test/forgot-password" },
        });
        throw new Error("the caller changed its mind");
      }),
    ).rejects.toThrow("the caller changed its mind");
    expect(await latestEmailTo(database.db, "rollback@example.test")).toBeUndefined();

    await database.db.transaction(async (tx) => {
      for (const businessName of ["Kue Satu", "Kue Dua"]) {
        await enqueueEmail(tx, {
          cooperativeId: cooperativeA,
          to: "commit@example.test",
          locale: "en",
          template: "account_exists",
          data: { name: businessName, cooperativeName: "Koperasi A", signInLink: "https://a.etalase.test/sign-in", resetLink: "https://a.etalase.test/forgot-password" },
        });
      }
    });
    const latest = await latestEmailTo(database.db, "commit@example.test", "account_exists");
    expect(latest?.textBody).toContain("Kue Dua");
    expect(await latestEmailTo(database.db, "commit@example.test", "invite")).toBeUndefined();
  });

  it("lists and shows only the cooperative's own e-mails, newest first", async () => {
    const ofA: string[] = [];
    for (let n = 1; n <= 3; n++) ofA.push(await enqueueReceived(`a${n}@example.test`, { deliver: false }));
    const ofB = await enqueueReceived("b1@example.test", { deliver: false, cooperativeId: cooperativeB });
    await enqueueReceived("platform@example.test", { deliver: false, cooperativeId: null });
    await database.db.update(outboxEmails).set({ status: "failed" }).where(eq(outboxEmails.id, ofA[0]!));

    const page1 = await listOutbox(database.db, cooperativeA, { page: 1, pageSize: 2 });
    expect(page1).toMatchObject({ total: 3, page: 1, pageCount: 2 });
    expect(page1.items.map((item) => item.toAddress)).toEqual(["a3@example.test", "a2@example.test"]);
    expect(page1.items[0]).toMatchObject({ id: ofA[2], template: "account_exists", status: "kept", attempts: 0, sentAt: null, lastError: null });
    expect(page1.items[0]!.createdAt).toBeInstanceOf(Date);
    const page2 = await listOutbox(database.db, cooperativeA, { page: 2, pageSize: 2 });
    expect(page2.items.map((item) => item.toAddress)).toEqual(["a1@example.test"]);
    expect((await listOutbox(database.db, cooperativeA, { page: 9, pageSize: 2 })).total).toBe(3);
    const failed = await listOutbox(database.db, cooperativeA, { page: 1, status: "failed" });
    expect(failed.items.map((item) => item.id)).toEqual([ofA[0]]);
    const ofBList = await listOutbox(database.db, cooperativeB, { page: 1 });
    expect(ofBList.items.map((item) => item.id)).toEqual([ofB]);

    expect((await getOutboxEmail(database.db, cooperativeA, ofA[1]!))?.toAddress).toBe("a2@example.test");
    expect(await getOutboxEmail(database.db, cooperativeA, ofB)).toBeUndefined();
    expect(await getOutboxEmail(database.db, cooperativeA, "not-a-uuid")).toBeUndefined();
    expect(await getOutboxEmail(database.db, cooperativeA, "")).toBeUndefined();
  });
});

describe("delivery", () => {
  it("sends a pending e-mail through SMTP and marks it sent", async () => {
    const id = await enqueueReceived("ani@example.test");
    expect((await row(id)).status).toBe("pending");
    expect(await deliverDueEmails(database.db, transport, { from: FROM })).toEqual({ sent: 1, failed: 0, retried: 0 });

    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.envelopeTo).toEqual(["ani@example.test"]);
    expect(message!.headers.get("subject")).toBe("Anda sudah punya akun di Koperasi Ani");
    expect(message!.headers.get("to")).toBe("ani@example.test");
    expect(message!.headers.get("from")).toContain("no-reply@koperasi.test");
    expect(message!.headers.get("message-id")).toBe(`<${id}@koperasi.test>`);
    expect(message!.headers.get("content-type")).toMatch(/multipart\/alternative/);

    const sent = await row(id);
    expect(sent).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    // Nothing is due any more.
    expect(await deliverDueEmails(database.db, transport, { from: FROM, now: new Date(Date.now() + 86_400_000) })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(received).toHaveLength(1);
  });

  it("retries with backoff when the server refuses, and gives up after six attempts", async () => {
    rejectRecipients = true;
    const id = await enqueueReceived("nobody@example.test");
    const before = Date.now();
    expect(await deliverDueEmails(database.db, transport, { from: FROM })).toEqual({ sent: 0, failed: 0, retried: 1 });
    let current = await row(id);
    expect(current).toMatchObject({ status: "pending", attempts: 1, sentAt: null });
    expect(current.lastError).toMatch(/550|rejected/i);
    expect(current.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 60_000 - 2_000);
    expect(current.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000 + 2_000);

    // Not due before its time.
    const early = new Date(current.nextAttemptAt.getTime() - 1000);
    expect(await deliverDueEmails(database.db, transport, { from: FROM, now: early })).toEqual({ sent: 0, failed: 0, retried: 0 });

    const delays = [5 * 60, 30 * 60, 2 * 60 * 60, 6 * 60 * 60];
    for (const [index, delay] of delays.entries()) {
      const now = new Date(current.nextAttemptAt.getTime() + 1000);
      expect(await deliverDueEmails(database.db, transport, { from: FROM, now })).toEqual({ sent: 0, failed: 0, retried: 1 });
      current = await row(id);
      expect(current).toMatchObject({ status: "pending", attempts: index + 2 });
      expect(current.nextAttemptAt.getTime() - now.getTime()).toBe(delay * 1000);
    }
    const last = new Date(current.nextAttemptAt.getTime() + 1000);
    expect(await deliverDueEmails(database.db, transport, { from: FROM, now: last })).toEqual({ sent: 0, failed: 1, retried: 0 });
    current = await row(id);
    expect(current).toMatchObject({ status: "failed", attempts: 6, sentAt: null });
    expect(current.lastError).toMatch(/550|rejected/i);
    // A failed e-mail is never tried again.
    expect(await deliverDueEmails(database.db, transport, { from: FROM, now: new Date(last.getTime() + 7 * 86_400_000) })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(received).toHaveLength(0);
  });

  it("never sends an e-mail twice when two dispatchers run at once", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 10; n++) ids.push(await enqueueReceived(`many${n}@example.test`));
    const second = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
    const drain = async (through: MailTransport) => {
      let sent = 0;
      for (;;) {
        const result = await deliverDueEmails(database.db, through, { from: FROM, batchSize: 2 });
        sent += result.sent;
        if (result.sent + result.retried + result.failed === 0) return sent;
      }
    };
    try {
      const [one, two] = await Promise.all([drain(transport), drain(second)]);
      expect(one + two).toBe(10);
    } finally {
      second.close();
    }
    expect(received).toHaveLength(10);
    expect(new Set(received.map((message) => message.headers.get("message-id"))).size).toBe(10);
    expect(received.map((message) => message.envelopeTo[0]).sort()).toEqual(ids.map((_, n) => `many${n}@example.test`).sort());
    const rows = await database.db.select({ status: outboxEmails.status, attempts: outboxEmails.attempts }).from(outboxEmails);
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1)).toBe(true);
  });

  it("hides a claimed e-mail from other dispatchers until its lease runs out", async () => {
    const id = await enqueueReceived("slow@example.test");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: MailTransport = {
      async sendMail(message) {
        await gate;
        return transport.sendMail(message);
      },
    };
    const first = deliverDueEmails(database.db, slow, { from: FROM });
    // Wait until the first dispatcher has claimed it.
    for (let i = 0; i < 100 && (await row(id)).nextAttemptAt.getTime() < Date.now() + 60_000; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const claimed = await row(id);
    expect(claimed).toMatchObject({ status: "pending", attempts: 0 });
    expect(claimed.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(await deliverDueEmails(database.db, transport, { from: FROM })).toEqual({ sent: 0, failed: 0, retried: 0 });
    release();
    expect(await first).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(received).toHaveLength(1);
    expect((await row(id)).status).toBe("sent");
  });

  it("sends a one-time link through SMTP, made at sending on the shop's own host; the outbox keeps only a placeholder", async () => {
    await database.db.insert(cooperativeHosts).values([{ host: "toko-a.test", cooperativeId: cooperativeA, isPrimary: true }]).onConflictDoNothing();
    const [user] = await database.db.insert(users).values({ email: "reset@example.test" }).returning();
    const id = await enqueueEmail(database.db, {
      cooperativeId: cooperativeA,
      to: "reset@example.test",
      locale: "id",
      template: "password_reset",
      data: { name: "Ani", link: SECRET_LINK, minutes: 60 },
      secretLink: { purpose: "password_reset", userId: user!.id },
    });
    // Nothing to read before sending: no token exists yet, and the stored e-mail names no link.
    expect(await database.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user!.id))).toEqual([]);
    expect(await deliverDueEmails(database.db, transport, { from: FROM, resolveSecretLink: secretLinkResolver(database.db) })).toEqual({ sent: 1, failed: 0, retried: 0 });
    const [message] = received;
    const body = message!.body.replace(/=\r\n/g, "").replace(/=3D/g, "=");
    expect(body).toMatch(/http:\/\/toko-a\.test:3000\/reset-password\/[\w-]{43}/);
    const stored = await getOutboxEmail(database.db, cooperativeA, id);
    expect(stored!.status).toBe("sent");
    expect(stored!.textBody + stored!.htmlBody).not.toMatch(/reset-password/);
    expect(stored!.textBody).toContain(SECRET_LINK);
    const [token] = await database.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user!.id));
    expect(body).not.toContain(token!.tokenHash);
  });

  it("refuses to store a one-time link, or a template that needs one without it", async () => {
    const attempt = (link: string, secretLink?: { purpose: "password_reset"; userId: string }) =>
      enqueueEmail(database.db, { cooperativeId: cooperativeA, to: "x@example.test", locale: "id", template: "password_reset", data: { name: "x", link, minutes: 60 }, secretLink });
    await expect(attempt("https://a.test/reset-password/abc")).rejects.toThrow(/needs one-time link/);
    await expect(attempt("https://a.test/reset-password/abc", { purpose: "password_reset", userId: cooperativeA })).rejects.toThrow(/needs one-time link/);
  });

  it("runs in the background on the job runner, woken by each e-mail's commit, until stopped", async () => {
    const logged: string[] = [];
    const smtpTransportForJob = smtpTransport(`smtp://127.0.0.1:${port}`);
    const runner = await startJobRunner(database.url, {
      jobs: [deliverEmailsJob(database.db, smtpTransportForJob, { from: FROM, log: (line) => logged.push(line) })],
      log: (line) => logged.push(line),
    });
    try {
      const id = await enqueueReceived("background@example.test");
      await expect.poll(async () => (await row(id)).status, { timeout: 20_000, interval: 50 }).toBe("sent");
    } finally {
      await runner.stop();
      smtpTransportForJob.close?.();
    }
    await runner.stop();
    expect(received.map((message) => message.envelopeTo[0])).toEqual(["background@example.test"]);
    expect(logged.some((line) => line.includes("1 sent"))).toBe(true);
    // Stopped: a new e-mail stays pending.
    const later = await enqueueReceived("after-stop@example.test");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await row(later)).status).toBe("pending");
  });
});
