import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cooperativeHosts, cooperatives, oneTimeTokens, outboxEmails, sessions, signUpRequests, staffRoles, users } from "../../db/schema";
import {
  changePassword,
  confirmSignUp,
  deleteAccount,
  exportAccountData,
  requestPasswordReset,
  requestSignUp,
  resetPassword,
  signIn,
} from "~/modules/identity/accounts.server";
import { loadActor } from "~/modules/identity/actor.server";
import { FAST_PASSWORD_HASH_VARIABLE, hashPassword, verifyPassword } from "~/modules/identity/password.server";
import { purgeExpiredIdentityRecords } from "~/modules/identity/purge.server";
import { SECRET_LINK } from "~/modules/notifications/outbox.server";
import { linkIn, mailTo, sendDueEmails } from "../support/mail";
import { findSession, listSessions, revokeSession, sessionIdHash } from "~/modules/identity/sessions.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let cooperativeId: string;
let shop: { id: string; name: string; origin: string };
const meta = { ipAddress: "203.0.113.7", userAgent: "test" };
let addresses = 0;
/** Each sign-up from its own address, so the per-address sign-up limit is tested only where meant. */
const freshAddress = () => `198.18.${Math.floor(++addresses / 250)}.${addresses % 250}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const [row] = await database.db.insert(cooperatives).values({ slug: "kop", name: "Kop", legalName: "Kop" }).returning();
  cooperativeId = row!.id;
  await database.db.insert(cooperativeHosts).values([
    { host: "shop.test", cooperativeId, isPrimary: true },
    { host: "www.shop.test", cooperativeId },
  ]);
  // Links use the configured host under PUBLIC_URL's scheme and port (http://localhost:3000 in tests).
  shop = { id: cooperativeId, name: "Kop", origin: "http://shop.test:3000" };
});
afterAll(() => database.close());

/** A shopper's account made the way a person makes one: the form, the e-mail, the link. */
async function newUser(email: string, password = "rahasia-panjang") {
  expect(await requestSignUp(database.db, shop, { email, password, name: "Siti", locale: "id", ipAddress: freshAddress() })).toEqual({ ok: true });
  const { token } = linkIn(mailTo(await sendDueEmails(database.db), email.toLowerCase()), "/sign-up/confirm/");
  const result = await confirmSignUp(database.db, { token, cooperativeId, ...meta });
  if (!result.ok) throw new Error(`sign-up failed: ${result.error}`);
  return result;
}

const resetFor = (email: string, ipAddress = "192.0.2.1") =>
  requestPasswordReset(database.db, { cooperativeId, email, locale: "id", ipAddress });

afterEach(() => vi.unstubAllEnvs());

describe("passwords", () => {
  it("hashes with scrypt and a salt, and verifies only the right password", async () => {
    // The test runs hash cheaply (decision 41); these are production's parameters.
    vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, "");
    const hash = await hashPassword("kata sandi rahasia");
    // OWASP's N=2^15, r=8, p=3 (equivalent to N=2^17, p=1 at a quarter of the memory).
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await hashPassword("kata sandi rahasia")).not.toBe(hash);
    expect(await verifyPassword("kata sandi rahasia", hash)).toBe(true);
    expect(await verifyPassword("kata sandi Rahasia", hash)).toBe(false);
    expect(await verifyPassword("apa saja", null)).toBe(false);
  });
});

describe("sign-up and sign-in", () => {
  it("creates an account once per e-mail, case-insensitively", async () => {
    await newUser("Siti@Example.test");
    await expect(newUser("siti@example.TEST")).rejects.toThrow("no /sign-up/confirm/ link");
  });

  it("answers alike for new and taken addresses: only the e-mail to that address says which", async () => {
    await newUser("tamu@example.test");
    const taken = await requestSignUp(database.db, shop, { email: "TAMU@example.test", password: "coba-ambil-alih", name: "Penyerang", locale: "id", ipAddress: freshAddress() });
    const fresh = await requestSignUp(database.db, shop, { email: "baru@example.test", password: "kata-sandi-baru", name: "Baru", locale: "id", ipAddress: freshAddress() });
    expect(taken).toEqual(fresh);
    const sent = await sendDueEmails(database.db);
    expect(mailTo(sent, "tamu@example.test")?.subject).toBe("Anda sudah punya akun di Kop");
    expect(mailTo(sent, "tamu@example.test")?.text).toContain("http://shop.test:3000/forgot-password");
    expect(mailTo(sent, "baru@example.test")?.subject).toBe("Konfirmasi akun Anda di Kop");
    // The taken account is untouched: its password still works, the attacker's does not.
    expect((await signIn(database.db, { email: "tamu@example.test", password: "rahasia-panjang", ...meta })).ok).toBe(true);
    expect((await signIn(database.db, { email: "tamu@example.test", password: "coba-ambil-alih", ...meta })).ok).toBe(false);
    // No account exists for the new address until its link is followed.
    expect(await database.db.select().from(users).where(eq(users.email, "baru@example.test"))).toEqual([]);
  });

  it("a sign-up link works once, only on the shop that sent it, and never holds an address someone else signed up first", async () => {
    const first = await requestSignUp(database.db, shop, { email: "rebut@example.test", password: "sandi-pertama", name: "Satu", locale: "id", ipAddress: freshAddress() });
    expect(first.ok).toBe(true);
    const second = await requestSignUp(database.db, shop, { email: "rebut@example.test", password: "sandi-kedua-x", name: "Dua", locale: "en", ipAddress: freshAddress() });
    expect(second.ok).toBe(true);
    const links = (await sendDueEmails(database.db)).filter((mail) => mail.to === "rebut@example.test").map((mail) => linkIn(mail, "/sign-up/confirm/").token);
    expect(links).toHaveLength(2);
    const [other] = await database.db.insert(cooperatives).values({ slug: "lain", name: "Lain", legalName: "Lain" }).returning();
    expect(await confirmSignUp(database.db, { token: links[1]!, cooperativeId: other!.id, ...meta })).toEqual({ ok: false, error: "invalid_link" });
    expect((await confirmSignUp(database.db, { token: links[1]!, cooperativeId, ...meta })).ok).toBe(true);
    expect(await confirmSignUp(database.db, { token: links[1]!, cooperativeId, ...meta })).toEqual({ ok: false, error: "invalid_link" });
    expect(await confirmSignUp(database.db, { token: links[0]!, cooperativeId, ...meta })).toEqual({ ok: false, error: "account_exists" });
    expect((await signIn(database.db, { email: "rebut@example.test", password: "sandi-kedua-x", ...meta })).ok).toBe(true);
    expect((await signIn(database.db, { email: "rebut@example.test", password: "sandi-pertama", ...meta })).ok).toBe(false);
  });

  it("limits sign-ups per e-mail and per address", async () => {
    const attempt = (email: string, ipAddress: string) =>
      requestSignUp(database.db, shop, { email, password: "xxxxxxxx", name: "Bot", locale: "id", ipAddress });
    for (let i = 0; i < 3; i++) expect((await attempt("banjir@example.test", freshAddress())).ok).toBe(true);
    expect(await attempt("banjir@example.test", freshAddress())).toMatchObject({ ok: false, error: "too_many_sign_ups" });
    const bot = "192.0.2.200";
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await attempt(`bot${i}@example.test`, bot));
    expect(results.slice(0, 10).every((result) => result.ok)).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, error: "too_many_sign_ups" });
    expect((await database.db.select().from(signUpRequests).where(eq(signUpRequests.email, "bot10@example.test"))).length).toBe(0);
  });

  it("re-hashes a password made with older parameters at the next sign-in", async () => {
    vi.stubEnv(FAST_PASSWORD_HASH_VARIABLE, "");
    await newUser("lama@example.test");
    const old = await new Promise<string>((resolve, reject) => {
      // The parameters of the previous release: N=2^15, r=8, p=1.
      import("node:crypto").then(({ scrypt, randomBytes }) => {
        const salt = randomBytes(16);
        scrypt("rahasia-panjang", salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (error, key) =>
          error ? reject(error) : resolve(["scrypt", 32768, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$")),
        );
      }, reject);
    });
    await database.db.update(users).set({ passwordHash: old }).where(eq(users.email, "lama@example.test"));
    expect((await signIn(database.db, { email: "lama@example.test", password: "rahasia-panjang", ...meta })).ok).toBe(true);
    const [after] = await database.db.select().from(users).where(eq(users.email, "lama@example.test"));
    expect(after!.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect((await signIn(database.db, { email: "lama@example.test", password: "rahasia-panjang", ...meta })).ok).toBe(true);
  });

  it("signs in with the right password into a session found by its token", async () => {
    await newUser("budi@example.test");
    const result = await signIn(database.db, { email: "BUDI@example.test", password: "rahasia-panjang", ...meta });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const found = await findSession(database.db, result.token);
    expect(found?.user.email).toBe("budi@example.test");
    expect(await findSession(database.db, "not-a-token")).toBeUndefined();
  });

  it("locks an account at the tenth wrong password in a row, with minutes to wait, even for the right one", async () => {
    await newUser("rina@example.test");
    const attempts = [];
    for (let i = 0; i < 10; i++) attempts.push(await signIn(database.db, { email: "rina@example.test", password: "salah", ...meta }));
    expect(attempts.slice(0, 9).every((a) => !a.ok && a.error === "wrong_credentials")).toBe(true);
    expect(attempts[9]).toMatchObject({ ok: false, error: "locked" });
    const locked = attempts[9] as { retryAfterMinutes: number };
    expect(locked.retryAfterMinutes).toBeGreaterThan(0);
    expect(locked.retryAfterMinutes).toBeLessThanOrEqual(15);
    expect(await signIn(database.db, { email: "rina@example.test", password: "rahasia-panjang", ...meta })).toMatchObject({ error: "locked" });
  });

  it("a success resets the count of failures in a row", async () => {
    await newUser("ayu@example.test");
    for (let i = 0; i < 8; i++) await signIn(database.db, { email: "ayu@example.test", password: "salah", ...meta });
    expect((await signIn(database.db, { email: "ayu@example.test", password: "rahasia-panjang", ...meta })).ok).toBe(true);
    for (let i = 0; i < 8; i++) await signIn(database.db, { email: "ayu@example.test", password: "salah", ...meta });
    expect((await signIn(database.db, { email: "ayu@example.test", password: "rahasia-panjang", ...meta })).ok).toBe(true);
  });

  it("limits failures per address across accounts, shared by every server through Postgres", async () => {
    const address = { ipAddress: "198.51.100.9", userAgent: "bot" };
    const results = [];
    for (let i = 0; i < 51; i++) results.push(await signIn(database.db, { email: `nobody${i}@example.test`, password: "x", ...address }));
    expect(results[48]).toMatchObject({ error: "wrong_credentials" });
    expect(results[49]).toMatchObject({ error: "locked" });
    expect(results[50]).toMatchObject({ error: "locked" });
    // 51 password checks at OWASP's cost (each ~0.2 s, more on a busy machine): a budget of its own.
  }, 180_000);
});

describe("sessions", () => {
  it("lists and revokes a user's own sessions only", async () => {
    const { token, userId } = await newUser("dewi@example.test");
    const second = await signIn(database.db, { email: "dewi@example.test", password: "rahasia-panjang", ...meta });
    if (!second.ok) throw new Error();
    expect(await listSessions(database.db, userId)).toHaveLength(2);
    const other = await newUser("eko@example.test");
    expect(await revokeSession(database.db, other.userId, sessionIdHash(second.token))).toEqual({ ok: false, error: "session_gone" });
    expect(await findSession(database.db, second.token)).toBeDefined();
    expect(await revokeSession(database.db, userId, sessionIdHash(second.token))).toEqual({ ok: true });
    expect(await findSession(database.db, second.token)).toBeUndefined();
    expect(await findSession(database.db, token)).toBeDefined();
  });

  it("tell who holds a token in a cooperative: a guest without a live session, else the user with that cooperative's roles", async () => {
    const { token, userId } = await newUser("fitri@example.test");
    const [elsewhere] = await database.db.insert(cooperatives).values({ slug: "tetangga", name: "Tetangga", legalName: "Tetangga" }).returning();
    await database.db.insert(staffRoles).values({ cooperativeId, userId, role: "curator" });
    expect(await loadActor(database.db, cooperativeId, token)).toEqual({
      kind: "user",
      userId,
      email: "fitri@example.test",
      name: "Siti",
      isOperator: false,
      staffRoles: ["curator"],
      member: null,
    });
    expect(await loadActor(database.db, elsewhere!.id, token)).toMatchObject({ kind: "user", userId, staffRoles: [] });
    expect(await loadActor(database.db, cooperativeId, undefined)).toEqual({ kind: "guest" });
    expect(await loadActor(database.db, cooperativeId, "x".repeat(43))).toEqual({ kind: "guest" });
    await revokeSession(database.db, userId, sessionIdHash(token));
    expect(await loadActor(database.db, cooperativeId, token)).toEqual({ kind: "guest" });
  });

  it("changing the password ends every other session and needs the current password", async () => {
    const { token, userId } = await newUser("fajar@example.test");
    const other = await signIn(database.db, { email: "fajar@example.test", password: "rahasia-panjang", ...meta });
    if (!other.ok) throw new Error();
    expect(await changePassword(database.db, { userId, currentPassword: "salah", newPassword: "baru-sekali", keepSessionToken: token })).toEqual({ ok: false, error: "wrong_current_password" });
    expect(await findSession(database.db, other.token)).toBeDefined();
    expect(await changePassword(database.db, { userId, currentPassword: "rahasia-panjang", newPassword: "baru-sekali", keepSessionToken: token })).toEqual({ ok: true, endedSessions: 1 });
    expect(await findSession(database.db, other.token)).toBeUndefined();
    expect(await findSession(database.db, token)).toBeDefined();
    expect((await signIn(database.db, { email: "fajar@example.test", password: "baru-sekali", ...meta })).ok).toBe(true);
  });
});

describe("password reset", () => {
  it("e-mails a one-time link made at sending, on the shop's own host; using it sets the password and ends old sessions", async () => {
    const { token: oldSession } = await newUser("gita@example.test");
    expect(await resetFor("gita@example.test")).toEqual({ ok: true });
    // What staff could ever read holds no working link: only the placeholder.
    const storedReset = (await database.db.select().from(outboxEmails).where(eq(outboxEmails.template, "password_reset"))).find((row) => row.toAddress === "gita@example.test");
    expect(storedReset!.textBody).toContain(SECRET_LINK);
    expect(storedReset!.textBody + storedReset!.htmlBody).not.toMatch(/reset-password\//);
    const link = linkIn(mailTo(await sendDueEmails(database.db), "gita@example.test"), "/reset-password/");
    expect(link.origin).toBe("http://shop.test:3000");
    const reset = await resetPassword(database.db, { token: link.token, password: "sandi-baru-1", ...meta });
    expect(reset).toMatchObject({ ok: true });
    expect(await findSession(database.db, oldSession)).toBeUndefined();
    expect(await resetPassword(database.db, { token: link.token, password: "lagi-lagi-1", ...meta })).toEqual({ ok: false, error: "invalid_link" });
    expect((await signIn(database.db, { email: "gita@example.test", password: "sandi-baru-1", ...meta })).ok).toBe(true);
  });

  it("a newer reset link ends the older one, and using one ends any other", async () => {
    const { userId } = await newUser("nadia@example.test");
    await resetFor("nadia@example.test");
    const first = linkIn(mailTo(await sendDueEmails(database.db), "nadia@example.test"), "/reset-password/");
    await resetFor("nadia@example.test");
    const second = linkIn(mailTo(await sendDueEmails(database.db), "nadia@example.test"), "/reset-password/");
    expect(await resetPassword(database.db, { token: first.token, password: "dari-link-lama", ...meta })).toEqual({ ok: false, error: "invalid_link" });
    expect(await resetPassword(database.db, { token: second.token, password: "dari-link-baru", ...meta })).toMatchObject({ ok: true });
    // A third link, issued but not yet used when the second was, stops working too.
    await resetFor("nadia@example.test");
    const third = linkIn(mailTo(await sendDueEmails(database.db), "nadia@example.test"), "/reset-password/");
    await resetPassword(database.db, { token: third.token, password: "dari-link-ketiga", ...meta });
    const resets = await database.db.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, userId));
    expect(resets.filter((row) => row.purpose === "password_reset" && row.usedAt === null)).toEqual([]);
    expect((await signIn(database.db, { email: "nadia@example.test", password: "dari-link-ketiga", ...meta })).ok).toBe(true);
  });

  it("answers the same for unknown e-mails and sends nothing", async () => {
    const before = (await database.db.select().from(outboxEmails)).length;
    expect(await resetFor("tidak-ada@example.test", "192.0.2.2")).toEqual({ ok: true });
    expect((await database.db.select().from(outboxEmails)).length).toBe(before);
  });

  it("refuses expired links and links for another purpose", async () => {
    const { userId } = await newUser("hana@example.test");
    await resetFor("hana@example.test", "192.0.2.4");
    const { token } = linkIn(mailTo(await sendDueEmails(database.db), "hana@example.test"), "/reset-password/");
    expect(await confirmSignUp(database.db, { token, cooperativeId, ...meta })).toEqual({ ok: false, error: "invalid_link" });
    await database.db.update(oneTimeTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeTokens.userId, userId));
    expect(await resetPassword(database.db, { token, password: "xxxxxxxx", ...meta })).toEqual({ ok: false, error: "invalid_link" });
    const [user] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword("rahasia-panjang", user!.passwordHash)).toBe(true);
  });

  it("limits reset requests per account", async () => {
    await newUser("indah@example.test");
    for (let i = 0; i < 3; i++) expect((await resetFor("indah@example.test", "192.0.2.3")).ok).toBe(true);
    expect(await resetFor("indah@example.test", "192.0.2.3")).toMatchObject({ ok: false, error: "too_many_resets" });
  });
});

describe("housekeeping", () => {
  it("purges ended sessions, spent links, unconfirmed sign-ups and old rate-limit windows, and nothing still in use", async () => {
    const live = await newUser("tetap@example.test");
    const ended = await newUser("lalu@example.test");
    await database.db.update(sessions).set({ revokedAt: new Date(Date.now() - 40 * 86_400_000) }).where(eq(sessions.userId, ended.userId));
    await resetFor("tetap@example.test", "192.0.2.10");
    await resetFor("lalu@example.test", "192.0.2.10");
    const sent = await sendDueEmails(database.db);
    const { token } = linkIn(mailTo(sent, "tetap@example.test"), "/reset-password/");
    linkIn(mailTo(sent, "lalu@example.test"), "/reset-password/");
    await database.db.update(oneTimeTokens).set({ usedAt: new Date(Date.now() - 10 * 86_400_000) }).where(eq(oneTimeTokens.userId, ended.userId));
    await requestSignUp(database.db, shop, { email: "lupa@example.test", password: "tidak-pernah", name: "Lupa", locale: "id", ipAddress: freshAddress() });
    await database.db.update(signUpRequests).set({ createdAt: new Date(Date.now() - 3 * 86_400_000) }).where(eq(signUpRequests.email, "lupa@example.test"));
    await database.sql`insert into rate_limits (key, hits, window_started_at) values ('lama', 1, now() - interval '2 days'), ('baru', 1, now())`;

    const result = await purgeExpiredIdentityRecords(database.db);
    expect(result.sessions).toBe(1);
    expect(result.links).toBe(1);
    expect(result.signUps).toBe(1);
    expect(result.rateLimits).toBe(1);
    expect(await findSession(database.db, live.token)).toBeDefined();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, ended.userId))).toEqual([]);
    expect(await database.sql`select key from rate_limits where key in ('lama', 'baru')`).toEqual([{ key: "baru" }]);
    // The live reset link still works.
    expect(await resetPassword(database.db, { token, password: "masih-bisa-1", ...meta })).toMatchObject({ ok: true });
    expect(await purgeExpiredIdentityRecords(database.db)).toMatchObject({ signUps: 0 });
  });
});

describe("personal data (UU PDP)", () => {
  it("exports what the shop holds about a person, without password hashes", async () => {
    const { userId } = await newUser("joko@example.test");
    const exported = await exportAccountData(database.db, userId);
    expect(exported.user).toMatchObject({ email: "joko@example.test", name: "Siti" });
    expect(exported.customerAccounts).toEqual([expect.objectContaining({ cooperativeId })]);
    expect(exported.sessions).toHaveLength(1);
    expect(JSON.stringify(exported)).not.toMatch(/scrypt|password/i);
  });

  it("deletes a shopper with their sessions; staff accounts are kept for the books", async () => {
    const { userId, token } = await newUser("kiki@example.test");
    expect(await deleteAccount(database.db, userId)).toEqual({ ok: true });
    expect(await database.db.select().from(users).where(eq(users.id, userId))).toEqual([]);
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    expect(await findSession(database.db, token)).toBeUndefined();

    const staff = await newUser("lina@example.test");
    await database.db.insert(staffRoles).values({ cooperativeId, userId: staff.userId, role: "curator" });
    expect(await deleteAccount(database.db, staff.userId)).toEqual({ ok: false, error: "has_roles" });
    expect(await database.db.select().from(users).where(eq(users.id, staff.userId))).toHaveLength(1);
  });
});
