import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, oneTimeTokens, outboxEmails, sessions, staffRoles, users } from "../../db/schema";
import { changePassword, deleteAccount, exportAccountData, issueToken, requestPasswordReset, setPasswordWithToken, signIn, signUp } from "~/modules/identity/accounts.server";
import { hashPassword, verifyPassword } from "~/modules/identity/password.server";
import { findSession, listSessions, revokeSession, sessionIdHash } from "~/modules/identity/sessions.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

let database: TestDatabase;
let cooperativeId: string;
const meta = { ipAddress: "203.0.113.7", userAgent: "test" };

beforeAll(async () => {
  database = await createTestDatabase();
  const [row] = await database.db.insert(cooperatives).values({ slug: "kop", name: "Kop", legalName: "Kop" }).returning();
  cooperativeId = row!.id;
});
afterAll(() => database.close());

async function newUser(email: string, password = "rahasia-panjang") {
  const result = await signUp(database.db, cooperativeId, { email, password, name: "Siti", locale: "id", ...meta });
  if (!result.ok) throw new Error("sign-up failed");
  return result;
}

describe("passwords", () => {
  it("hashes with scrypt and a salt, and verifies only the right password", async () => {
    const hash = await hashPassword("kata sandi rahasia");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await hashPassword("kata sandi rahasia")).not.toBe(hash);
    expect(await verifyPassword("kata sandi rahasia", hash)).toBe(true);
    expect(await verifyPassword("kata sandi Rahasia", hash)).toBe(false);
    expect(await verifyPassword("apa saja", null)).toBe(false);
  });
});

describe("sign-up and sign-in", () => {
  it("creates an account once per e-mail, case-insensitively", async () => {
    await newUser("Siti@Example.test");
    const again = await signUp(database.db, cooperativeId, { email: "siti@example.TEST", password: "xxxxxxxx", name: "x", locale: "id", ...meta });
    expect(again).toEqual({ ok: false, reason: "email_taken" });
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
    expect(attempts.slice(0, 9).every((a) => !a.ok && a.reason === "invalid")).toBe(true);
    expect(attempts[9]).toMatchObject({ ok: false, reason: "locked" });
    const locked = attempts[9] as { retryAfterMinutes: number };
    expect(locked.retryAfterMinutes).toBeGreaterThan(0);
    expect(locked.retryAfterMinutes).toBeLessThanOrEqual(15);
    expect(await signIn(database.db, { email: "rina@example.test", password: "rahasia-panjang", ...meta })).toMatchObject({ reason: "locked" });
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
    expect(results[48]).toMatchObject({ reason: "invalid" });
    expect(results[49]).toMatchObject({ reason: "locked" });
    expect(results[50]).toMatchObject({ reason: "locked" });
  });
});

describe("sessions", () => {
  it("lists and revokes a user's own sessions only", async () => {
    const { token, userId } = await newUser("dewi@example.test");
    const second = await signIn(database.db, { email: "dewi@example.test", password: "rahasia-panjang", ...meta });
    if (!second.ok) throw new Error();
    expect(await listSessions(database.db, userId)).toHaveLength(2);
    const other = await newUser("eko@example.test");
    expect(await revokeSession(database.db, other.userId, sessionIdHash(second.token))).toBe(false);
    expect(await findSession(database.db, second.token)).toBeDefined();
    expect(await revokeSession(database.db, userId, sessionIdHash(second.token))).toBe(true);
    expect(await findSession(database.db, second.token)).toBeUndefined();
    expect(await findSession(database.db, token)).toBeDefined();
  });

  it("changing the password ends every other session and needs the current password", async () => {
    const { token, userId } = await newUser("fajar@example.test");
    const other = await signIn(database.db, { email: "fajar@example.test", password: "rahasia-panjang", ...meta });
    if (!other.ok) throw new Error();
    expect(await changePassword(database.db, { userId, currentPassword: "salah", newPassword: "baru-sekali", keepSessionToken: token })).toEqual({ ok: false });
    expect(await findSession(database.db, other.token)).toBeDefined();
    expect(await changePassword(database.db, { userId, currentPassword: "rahasia-panjang", newPassword: "baru-sekali", keepSessionToken: token })).toEqual({ ok: true, endedSessions: 1 });
    expect(await findSession(database.db, other.token)).toBeUndefined();
    expect(await findSession(database.db, token)).toBeDefined();
    expect((await signIn(database.db, { email: "fajar@example.test", password: "baru-sekali", ...meta })).ok).toBe(true);
  });
});

describe("password reset", () => {
  it("e-mails a one-time link through the outbox; using it sets the password and ends old sessions", async () => {
    const { token: oldSession } = await newUser("gita@example.test");
    expect(await requestPasswordReset(database.db, { cooperativeId, email: "gita@example.test", origin: "http://shop.test", locale: "id", ipAddress: "192.0.2.1" })).toEqual({ ok: true });
    const [email] = await database.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, "gita@example.test"));
    const link = /http:\/\/shop\.test\/reset-password\/([\w-]+)/.exec(email!.textBody);
    expect(link).not.toBeNull();
    const reset = await setPasswordWithToken(database.db, { token: link![1]!, purpose: "password_reset", password: "sandi-baru-1", ...meta });
    expect(reset).toBeDefined();
    expect(await findSession(database.db, oldSession)).toBeUndefined();
    expect(await setPasswordWithToken(database.db, { token: link![1]!, purpose: "password_reset", password: "lagi-lagi-1", ...meta })).toBeUndefined();
    expect((await signIn(database.db, { email: "gita@example.test", password: "sandi-baru-1", ...meta })).ok).toBe(true);
  });

  it("answers the same for unknown e-mails and sends nothing", async () => {
    const before = (await database.db.select().from(outboxEmails)).length;
    expect(await requestPasswordReset(database.db, { cooperativeId, email: "tidak-ada@example.test", origin: "http://shop.test", locale: "id", ipAddress: "192.0.2.2" })).toEqual({ ok: true });
    expect((await database.db.select().from(outboxEmails)).length).toBe(before);
  });

  it("refuses expired links and links for another purpose", async () => {
    const { userId } = await newUser("hana@example.test");
    const url = await issueToken(database.db, { userId, cooperativeId, purpose: "password_reset", origin: "http://shop.test" });
    const token = url.split("/").pop()!;
    expect(await setPasswordWithToken(database.db, { token, purpose: "invite", password: "xxxxxxxx", ...meta })).toBeUndefined();
    await database.db.update(oneTimeTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oneTimeTokens.userId, userId));
    expect(await setPasswordWithToken(database.db, { token, purpose: "password_reset", password: "xxxxxxxx", ...meta })).toBeUndefined();
    const [user] = await database.db.select().from(users).where(eq(users.id, userId));
    expect(await verifyPassword("rahasia-panjang", user!.passwordHash)).toBe(true);
  });

  it("limits reset requests per account", async () => {
    await newUser("indah@example.test");
    const input = { cooperativeId, email: "indah@example.test", origin: "http://shop.test", locale: "id" as const, ipAddress: "192.0.2.3" };
    for (let i = 0; i < 3; i++) expect((await requestPasswordReset(database.db, input)).ok).toBe(true);
    expect(await requestPasswordReset(database.db, input)).toMatchObject({ ok: false });
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
    expect(await deleteAccount(database.db, staff.userId)).toEqual({ ok: false, reason: "has_roles" });
    expect(await database.db.select().from(users).where(eq(users.id, staff.userId))).toHaveLength(1);
  });
});
