import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, providerAccounts, staffRoles, users } from "../../db/schema";
import { sessionCookie } from "~/lib/session-cookie.server";
import { createSession } from "~/modules/identity/sessions.server";
import {
  disableProviderAccount,
  enabledOnlineProviders,
  providerAccount,
  providerAccountSummaries,
  ProviderAccountUnreadable,
  saveProviderAccount,
} from "~/modules/payments/accounts.server";
import { action as paymentsAction, loader as paymentsLoader } from "~/routes/admin.settings_.payments";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

// The routes sign sessions and seal secrets with these (no files written under DATA_DIR). Stubbed, and put back
// after this file: the next test file may run in this same process.
if (!process.env.SESSION_SECRET) vi.stubEnv("SESSION_SECRET", "provider-accounts-test-secret-0123456789abcdef");
const routeKey = randomBytes(32);
vi.stubEnv("SECRETS_KEY", routeKey.toString("hex"));

const key = randomBytes(32);
const midtransA = { serverKey: "SB-Mid-server-AaaaSecretOfCoopA9xQ1", clientKey: "SB-Mid-client-AaaaPublicOfCoopA7", production: false };
const stripeA = { secretKey: "sk_test_51AaaaSecretKeyOfCoopAzZ9", webhookSecret: "whsec_AaaaWebhookSecretOfCoopAqQ8" };
const secretsOfA = [midtransA.serverKey, stripeA.secretKey, stripeA.webhookSecret];

let database: TestDatabase;
let a: string;
let b: string;
let managerA: string;
let managerB: string;
let cookieA: string;
let cookieB: string;

/** Everything written to the console while a test runs: secrets must never be among it. */
const printed: string[] = [];
for (const method of ["log", "info", "warn", "error", "debug"] as const) {
  vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
    printed.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : typeof arg === "string" ? arg : JSON.stringify(arg))).join(" "));
  });
}
afterEach(() => {
  for (const secret of secretsOfA) expect(printed.join("\n")).not.toContain(secret);
});

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  [managerA, managerB] = (await database.db.insert(users).values([{ email: "pengurus@a.test" }, { email: "pengurus@b.test" }]).returning()).map((user) => user.id) as [string, string];
  await database.db.insert(staffRoles).values([
    { cooperativeId: a, userId: managerA, role: "manager" },
    { cooperativeId: b, userId: managerB, role: "manager" },
  ]);
  const meta = { userAgent: "test", ipAddress: "203.0.113.9" };
  cookieA = await sessionCookie().serialize(await createSession(database.db, managerA, meta));
  cookieB = await sessionCookie().serialize(await createSession(database.db, managerB, meta));
});
afterAll(async () => {
  await database.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const who = (cooperativeId: string, actorUserId: string) => ({ cooperativeId, actorUserId, ipAddress: "203.0.113.9", enabled: true });
const audits = (cooperativeId: string) =>
  database.db.select().from(auditLog).where(and(eq(auditLog.cooperativeId, cooperativeId), eq(auditLog.entityType, "provider_account"))).orderBy(auditLog.id);

describe("a cooperative's provider accounts", () => {
  it("are saved sealed, read back whole for payments, and shown and audited as hints only", async () => {
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "midtrans", ...midtransA }, key)).toEqual({ ok: true, changed: true });
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "stripe", ...stripeA }, key)).toEqual({ ok: true, changed: true });

    expect(await providerAccount(database.db, a, "midtrans", key)).toEqual({ provider: "midtrans", ...midtransA });
    expect(await providerAccount(database.db, a, "stripe", key)).toEqual({ provider: "stripe", ...stripeA });
    expect(await enabledOnlineProviders(database.db, a)).toEqual(["midtrans", "stripe"]);

    const summaries = await providerAccountSummaries(database.db, a);
    expect(summaries.map(({ updatedAt: _, ...summary }) => summary)).toEqual([
      { provider: "midtrans", enabled: true, hint: "SB-Mid-server-••••9xQ1", settings: { clientKey: midtransA.clientKey, production: false } },
      { provider: "stripe", enabled: true, hint: "sk_test_••••AzZ9", settings: { webhookSecretHint: "whsec_••••AqQ8" } },
    ]);

    const rows = await database.db.select().from(providerAccounts).where(eq(providerAccounts.cooperativeId, a));
    const audited = await audits(a);
    expect(audited.map((entry) => entry.action)).toEqual(["payments.account_saved", "payments.account_saved"]);
    expect(audited[0]!.after).toEqual({ enabled: true, serverKey: "SB-Mid-server-••••9xQ1", clientKey: "SB-Mid-client-••••opA7", production: false, secretsReplaced: true });
    for (const secret of secretsOfA) {
      expect(JSON.stringify(rows)).not.toContain(secret);
      expect(JSON.stringify(summaries)).not.toContain(secret);
      expect(JSON.stringify(audited)).not.toContain(secret);
    }
  });

  it("keeps a stored secret left empty; saving the same again writes and audits nothing", async () => {
    const before = (await audits(a)).length;
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "midtrans", ...midtransA, serverKey: "" }, key)).toEqual({ ok: true, changed: false });
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "stripe", ...stripeA }, key)).toEqual({ ok: true, changed: false });
    expect(await audits(a)).toHaveLength(before);

    const newWebhook = "whsec_NewWebhookSecretOfCoopAnN2";
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "stripe", secretKey: "", webhookSecret: newWebhook }, key)).toEqual({ ok: true, changed: true });
    expect(await providerAccount(database.db, a, "stripe", key)).toEqual({ provider: "stripe", secretKey: stripeA.secretKey, webhookSecret: newWebhook });
    const last = (await audits(a)).at(-1)!;
    expect(last.before).toEqual({ webhookSecret: "whsec_••••AqQ8" });
    expect(last.after).toEqual({ webhookSecret: "whsec_••••AnN2", secretsReplaced: true });
    expect(JSON.stringify(last)).not.toContain(newWebhook);
    await saveProviderAccount(database.db, { ...who(a, managerA), provider: "stripe", ...stripeA }, key);
  });

  it("refuses keys of the wrong shape or environment, naming each, and writes nothing", async () => {
    const before = (await audits(b)).length;
    const save = (fields: Partial<typeof midtransA>) => saveProviderAccount(database.db, { ...who(b, managerB), provider: "midtrans", ...midtransA, ...fields }, key);
    expect(await save({ serverKey: "" })).toMatchObject({ ok: false, error: "server_key_required" });
    expect(await save({ serverKey: "my-server-key", clientKey: "x" })).toMatchObject({ ok: false, errors: ["server_key_shape", "client_key_shape"] });
    expect(await save({ production: true })).toMatchObject({ ok: false, error: "midtrans_environment" });
    expect(await save({ clientKey: "Mid-client-ProductionKey12345" })).toMatchObject({ ok: false, error: "midtrans_environment" });
    const stripe = (fields: Partial<typeof stripeA>) => saveProviderAccount(database.db, { ...who(b, managerB), provider: "stripe", ...stripeA, ...fields }, key);
    expect(await stripe({ secretKey: "pk_test_51PublishableKeyNotSecret" })).toMatchObject({ ok: false, error: "secret_key_shape" });
    expect(await stripe({ webhookSecret: "" })).toMatchObject({ ok: false, error: "webhook_secret_required" });
    expect(await stripe({ secretKey: "rk_live_51RestrictedKeyIsFine00", webhookSecret: "whsec" })).toMatchObject({ ok: false, errors: ["webhook_secret_shape"] });
    expect(await providerAccountSummaries(database.db, b)).toEqual([]);
    expect(await audits(b)).toHaveLength(before);
  });

  it("cannot be read without SECRETS_KEY or with another key, and say so; another cooperative never gets them", async () => {
    await expect(providerAccount(database.db, a, "midtrans", null)).rejects.toThrow(ProviderAccountUnreadable);
    await expect(providerAccount(database.db, a, "midtrans", null)).rejects.toThrow(/SECRETS_KEY is not set/);
    await expect(providerAccount(database.db, a, "stripe", randomBytes(32))).rejects.toThrow(/cannot be opened with this SECRETS_KEY/);
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "midtrans", ...midtransA, serverKey: "" }, randomBytes(32))).toMatchObject({
      ok: false,
      error: "stored_unreadable",
    });

    expect(await providerAccount(database.db, b, "midtrans", key)).toBeNull();
    expect(await enabledOnlineProviders(database.db, b)).toEqual([]);
    expect(await providerAccountSummaries(database.db, b)).toEqual([]);
    // Even A's sealed row copied into B's (someone with the database) does not open there: it is bound to A.
    const [row] = await database.db.select().from(providerAccounts).where(and(eq(providerAccounts.cooperativeId, a), eq(providerAccounts.provider, "midtrans")));
    await database.db.insert(providerAccounts).values({ ...row!, cooperativeId: b, updatedBy: managerB });
    await expect(providerAccount(database.db, b, "midtrans", key)).rejects.toThrow(ProviderAccountUnreadable);
    await database.db.delete(providerAccounts).where(eq(providerAccounts.cooperativeId, b));
  });

  it("switched off, are no longer offered or handed out, keep their keys, and come back on with a save", async () => {
    expect(await disableProviderAccount(database.db, { cooperativeId: a, actorUserId: managerA, provider: "stripe" })).toEqual({ ok: true, changed: true });
    expect(await disableProviderAccount(database.db, { cooperativeId: a, actorUserId: managerA, provider: "stripe" })).toEqual({ ok: true, changed: false });
    expect(await disableProviderAccount(database.db, { cooperativeId: b, actorUserId: managerB, provider: "stripe" })).toEqual({ ok: false, error: "not_found" });
    expect(await enabledOnlineProviders(database.db, a)).toEqual(["midtrans"]);
    expect(await providerAccount(database.db, a, "stripe", key)).toBeNull();
    expect((await audits(a)).at(-1)).toMatchObject({ action: "payments.account_disabled", entityId: "stripe", after: { enabled: false } });
    expect(await saveProviderAccount(database.db, { ...who(a, managerA), provider: "stripe", secretKey: "", webhookSecret: "" }, key)).toEqual({ ok: true, changed: true });
    expect(await providerAccount(database.db, a, "stripe", key)).toEqual({ provider: "stripe", ...stripeA });
  });
});

describe("the payment settings page", () => {
  const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });
  const get = (host: string, cookie: string) =>
    paymentsLoader({ request: new Request(`http://${host}/admin/settings/payments`, { headers: { Cookie: cookie } }), context: context(), params: {} });
  const post = (host: string, cookie: string, fields: Record<string, string>) =>
    paymentsAction({
      request: new Request(`http://${host}/admin/settings/payments`, { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } }),
      context: context(),
      params: {},
    }) as Promise<unknown>;
  const status = async (promise: Promise<unknown>) => {
    try {
      const answer = (await promise) as { init?: { status?: number } };
      return answer.init?.status ?? 200;
    } catch (thrown) {
      return (thrown as { init?: { status?: number } }).init?.status ?? (thrown as Response).status;
    }
  };

  it("shows the manager hints and webhook addresses, never a secret", async () => {
    const page = await get("a.test", cookieA);
    expect(page.midtrans).toMatchObject({ hint: "SB-Mid-server-••••9xQ1", settings: { clientKey: midtransA.clientKey } });
    expect(page.webhookUrls.midtrans).toMatch(/^http:\/\/a\.test(:\d+)?\/webhooks\/midtrans$/);
    expect(page.webhookUrls.stripe).toBe(page.webhookUrls.midtrans.replace(/midtrans$/, "stripe"));
    expect(page.canStore).toBe(true);
    for (const secret of secretsOfA) expect(JSON.stringify(page)).not.toContain(secret);
  });

  it("sends a refused form back without what was typed in the secret fields", async () => {
    const typedSecret = "SB-Mid-server-TypedButRefused0001";
    const answer = await post("a.test", cookieA, { intent: "midtrans", serverKey: typedSecret, clientKey: "not-a-client-key", enabled: "on" });
    expect(await status(Promise.resolve(answer))).toBe(422);
    expect(JSON.stringify(answer)).toContain("paymentSettings.error.clientKeyShape");
    expect(JSON.stringify(answer)).toContain("not-a-client-key");
    expect(JSON.stringify(answer)).not.toContain(typedSecret);
    expect((await providerAccountSummaries(database.db, a))[0]).toMatchObject({ provider: "midtrans", hint: "SB-Mid-server-••••9xQ1" });
  });

  it("saves through the form with the deployment's key; a bad or missing intent is a 400", async () => {
    const serverKey = "SB-Mid-server-SavedThroughTheForm22";
    const answer = await post("a.test", cookieA, { intent: "midtrans", serverKey, clientKey: midtransA.clientKey, enabled: "on" });
    expect((answer as Response).status).toBe(302);
    expect((answer as Response).headers.get("Location")).toBe("/admin/settings/payments?midtrans=saved");
    expect(await providerAccount(database.db, a, "midtrans", routeKey)).toEqual({ provider: "midtrans", serverKey, clientKey: midtransA.clientKey, production: false });
    expect(JSON.stringify(await get("a.test", cookieA))).not.toContain(serverKey);
    expect(await status(post("a.test", cookieA, { intent: "other" }))).toBe(400);
    expect(await status(post("a.test", cookieA, { intent: "disable", provider: "manual" }))).toBe(400);
    expect(await status(post("a.test", cookieA, { serverKey }))).toBe(400);
  });

  it("cooperative B's manager sees and changes only B's accounts, and cannot reach A's page at all", async () => {
    const pageB = await get("b.test", cookieB);
    expect([pageB.midtrans, pageB.stripe]).toEqual([null, null]);
    for (const secret of secretsOfA) expect(JSON.stringify(pageB)).not.toContain(secret);

    const rowsOfA = await database.db.select().from(providerAccounts).where(eq(providerAccounts.cooperativeId, a));
    expect(await post("b.test", cookieB, { intent: "stripe", secretKey: "sk_test_51BbbbSecretKeyOfCoopB00", webhookSecret: "whsec_BbbbWebhookSecretOfB11", enabled: "on" })).toMatchObject({ status: 302 });
    expect(await post("b.test", cookieB, { intent: "disable", provider: "midtrans" })).toMatchObject({ init: { status: 404 } });
    expect(await database.db.select().from(providerAccounts).where(eq(providerAccounts.cooperativeId, a))).toEqual(rowsOfA);
    expect(await providerAccount(database.db, b, "stripe", routeKey)).toMatchObject({ secretKey: "sk_test_51BbbbSecretKeyOfCoopB00" });

    // B's manager on A's shop is nobody's staff there.
    expect(await status(get("a.test", cookieB))).toBe(403);
    expect(await status(post("a.test", cookieB, { intent: "disable", provider: "midtrans" }))).toBe(403);
    expect(await enabledOnlineProviders(database.db, a)).toEqual(["midtrans", "stripe"]);
  });
});
