import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, staffRoles, users } from "../../db/schema";
import { createSession } from "~/modules/identity/sessions.server";
import { providerAccount, providerAccountSummaries, ProviderAccountUnreadable, saveProviderAccount } from "~/modules/payments/accounts.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

// A production deployment on an external database that was given no SECRETS_KEY: it starts, and says why
// provider keys cannot be stored. (The routes read this configuration; the test's own database is separate.)
// Stubbed, and put back after this file: the next test file may run in this same process.
vi.stubEnv("NODE_ENV", "production");
vi.stubEnv("DATABASE_URL", "postgres://db.internal/etalase");
vi.stubEnv("SESSION_SECRET", "provider-accounts-production-secret-0123456789");
vi.stubEnv("SECRETS_KEY", undefined);
const { secretsKey } = await import("~/lib/secrets-key.server");
const { sessionCookie } = await import("~/lib/session-cookie.server");
const { action, loader } = await import("~/routes/admin.settings_.payments");

let database: TestDatabase;
let a: string;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a } = await seedTwoCooperatives(database));
  const [manager] = await database.db.insert(users).values({ email: "pengurus@a.test" }).returning();
  await database.db.insert(staffRoles).values({ cooperativeId: a, userId: manager!.id, role: "manager" });
  cookie = await sessionCookie().serialize(await createSession(database.db, manager!.id, { userAgent: "test", ipAddress: "203.0.113.9" }));
  // Stored earlier, with a key this deployment no longer has.
  await saveProviderAccount(
    database.db,
    { cooperativeId: a, actorUserId: manager!.id, enabled: true, provider: "stripe", secretKey: "sk_live_51StoredBeforeKeyWasLost", webhookSecret: "whsec_StoredBeforeKeyWasLost" },
    randomBytes(32),
  );
});
afterAll(async () => {
  await database.close();
  vi.unstubAllEnvs();
});

describe("production without SECRETS_KEY", () => {
  const context = () => ({ db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" });
  const url = "http://a.test/admin/settings/payments";

  it("has no key and generates none", () => {
    expect(secretsKey()).toBeNull();
  });

  it("shows the page with the reason and the stored hints, and refuses to store keys with a 409 in words", async () => {
    const page = await loader({ request: new Request(url, { headers: { Cookie: cookie } }), context: context(), params: {} });
    expect(page.canStore).toBe(false);
    expect(page.stripe).toMatchObject({ hint: "sk_live_••••Lost" });
    const answer = (await action({
      request: new Request(url, {
        method: "POST",
        body: new URLSearchParams({ intent: "midtrans", serverKey: "SB-Mid-server-NeverStoredHere001", clientKey: "SB-Mid-client-NeverStoredHere", enabled: "on" }),
        headers: { Cookie: cookie },
      }),
      context: context(),
      params: {},
    })) as unknown as { init: { status: number }; data: { errors: Record<string, string>; values: Record<string, string> } };
    expect(answer.init.status).toBe(409);
    expect(answer.data.errors).toEqual({ form: "paymentSettings.noSecretsKey" });
    expect(JSON.stringify(answer)).not.toContain("NeverStoredHere001");
    expect((await providerAccountSummaries(database.db, a)).map((summary) => summary.provider)).toEqual(["stripe"]);
    expect((await database.db.select().from(auditLog)).filter((entry) => entry.action === "payments.account_saved")).toHaveLength(1);
  });

  it("fails clearly when a stored account is read, and still lets the manager switch it off", async () => {
    await expect(providerAccount(database.db, a, "stripe", secretsKey())).rejects.toThrow(ProviderAccountUnreadable);
    await expect(providerAccount(database.db, a, "stripe", secretsKey())).rejects.toThrow(/SECRETS_KEY is not set/);
    const answer = await action({
      request: new Request(url, { method: "POST", body: new URLSearchParams({ intent: "disable", provider: "stripe" }), headers: { Cookie: cookie } }),
      context: context(),
      params: {},
    });
    expect((answer as Response).headers.get("Location")).toBe("/admin/settings/payments?stripe=disabled");
    expect(await providerAccount(database.db, a, "stripe", secretsKey())).toBeNull();
  });
});
