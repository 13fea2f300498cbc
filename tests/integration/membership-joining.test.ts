import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberBankAccounts, members, membershipApplications, products, users } from "../../db/schema";
import { FORM_TOKEN_FIELD, newFormToken } from "~/lib/form-token.server";
import { approveApplication } from "~/flows/approve-application.server";
import { editBusinessProfile } from "~/flows/edit-business.server";
import { getProducer, listProducers, sitemapEntries } from "~/modules/catalog/shop/browse.server";
import { decideBankAccount, requestBankAccountChange } from "~/modules/membership/members.server";
import { applicationsPerAddress } from "~/modules/identity/rate-limit.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

const { action: applyAction } = await import("~/routes/daftar-anggota");

let database: TestDatabase;
let a: string;
let managerA: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a } = await seedTwoCooperatives(database));
  const [manager] = await database.db.insert(users).values({ email: "manager@a.test" }).returning();
  managerA = manager!.id;
});
afterAll(() => database.close());

let serial = 0;
/** A complete application as the form sends it, each with its own e-mail and phone unless told otherwise. */
function applicationFields(overrides: Record<string, string> = {}): Record<string, string> {
  serial += 1;
  return {
    [FORM_TOKEN_FIELD]: newFormToken(),
    businessName: `Usaha Pelamar ${serial}`,
    ownerName: "Yuyun Wahyuni",
    phone: `0812 3400 ${String(serial).padStart(4, "0")}`,
    email: `pelamar${serial}@example.test`,
    provinceCode: "35",
    regencyCode: "35.13",
    districtCode: "35.13.12",
    villageCode: "35.13.12.2020",
    street: "Dusun Krajan RT 01 RW 02",
    postalCode: "67291",
    products: "Keripik tempe dan sambal bawang dalam botol kaca.",
    agree: "on",
    ...overrides,
  };
}

async function apply(fields: Record<string, string>, clientIp: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const request = new Request("http://a.test/daftar-anggota", { method: "POST", body: form });
  const answer = (await applyAction({ request, context: { db: database.db, mediaRoot: database.mediaRoot, clientIp }, params: {} })) as unknown;
  const wrapped = answer as { init?: { status?: number }; data?: unknown };
  const { status, data } = wrapped && typeof wrapped === "object" && "init" in wrapped ? { status: wrapped.init?.status ?? 200, data: wrapped.data } : { status: 200, data: answer };
  return { status, data: data as { ok: boolean; errors: Record<string, string>; retryAfterMinutes?: number } };
}

const applicationsFrom = async (email: string) =>
  (await database.db.select({ n: count() }).from(membershipApplications).where(eq(membershipApplications.email, email)))[0]!.n;

describe("fair joining: only accepted applications count", () => {
  it("ten failed submits from one address do not block the next, correct one", async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const failed = await apply(applicationFields({ agree: "" }), "198.51.100.10");
      expect(failed.status).toBe(422);
      expect(failed.data.errors).toEqual({ agree: "apply.error.agree" });
    }
    const fields = applicationFields();
    expect(await apply(fields, "198.51.100.10")).toMatchObject({ status: 200, data: { ok: true } });
    expect(await applicationsFrom(fields.email!)).toBe(1);
  });

  it("accepts many applicants on one shared address up to the generous limit, then says the real wait", async () => {
    const ip = "198.51.100.20";
    for (let n = 0; n < applicationsPerAddress.limit; n++) {
      expect((await apply(applicationFields(), ip)).status).toBe(200);
    }
    expect(applicationsPerAddress.limit).toBeGreaterThanOrEqual(20);
    const fields = applicationFields();
    const refused = await apply(fields, ip);
    expect(refused.status).toBe(429);
    expect(refused.data.errors).toEqual({ form: "joining.error.tooManyNetwork" });
    expect(refused.data.retryAfterMinutes).toBeGreaterThanOrEqual(59);
    expect(refused.data.retryAfterMinutes).toBeLessThanOrEqual(60);
    // The refused one left nothing behind: no application, and another address is not affected.
    expect(await applicationsFrom(fields.email!)).toBe(0);
    expect((await apply(applicationFields(), "198.51.100.21")).status).toBe(200);
  });

  it("limits the same e-mail and the same phone, from any address", async () => {
    const email = "sama@example.test";
    for (let n = 0; n < 3; n++) expect((await apply(applicationFields({ email }), `203.0.113.${n + 1}`)).status).toBe(200);
    const again = await apply(applicationFields({ email }), "203.0.113.50");
    expect(again.status).toBe(429);
    expect(again.data.errors).toEqual({ form: "joining.error.tooManyPerson" });
    expect(again.data.retryAfterMinutes).toBeGreaterThan(60);
    expect(await applicationsFrom(email)).toBe(3);

    const phone = "0813-9999-0001";
    for (let n = 0; n < 3; n++) expect((await apply(applicationFields({ phone }), `203.0.114.${n + 1}`)).status).toBe(200);
    expect((await apply(applicationFields({ phone: "+62 813 9999 0001" }), "203.0.114.50")).data.errors).toEqual({ form: "joining.error.tooManyPerson" });
  });
});

describe("payout accounts: optional, banks and e-wallets", () => {
  it("an application without an account is accepted and approved with none; the member adds an e-wallet later", async () => {
    const fields = applicationFields({ email: "tanpa-rekening@example.test" });
    expect((await apply(fields, "198.51.100.30")).data.ok).toBe(true);
    const [application] = await database.db.select().from(membershipApplications).where(eq(membershipApplications.email, fields.email!));
    expect(application).toMatchObject({ payoutKind: null, bankCode: null, bankAccountNumber: null, bankAccountHolder: null });
    const approved = await approveApplication(database.db, { cooperative: { id: a, name: "Koperasi A" }, applicationId: application!.id, actorUserId: managerA, ipAddress: "203.0.113.1" });
    expect(approved.ok).toBe(true);
    if (!approved.ok) return;
    const accounts = () => database.db.select().from(memberBankAccounts).where(and(eq(memberBankAccounts.cooperativeId, a), eq(memberBankAccounts.memberId, approved.memberId!)));
    expect(await accounts()).toEqual([]);

    await requestBankAccountChange(database.db, { cooperativeId: a, memberId: approved.memberId!, userId: managerA, kind: "ewallet", bankCode: "gopay", accountNumber: "+6281234000001", holderName: "Yuyun Wahyuni" });
    const [pending] = await accounts();
    expect(pending).toMatchObject({ kind: "ewallet", bankCode: "gopay", status: "pending" });
    // The treasurer's confirmation works for an e-wallet as for a bank.
    expect(await decideBankAccount(database.db, { cooperative: { id: a, name: "Koperasi A", origin: "http://a.test" }, bankAccountId: pending!.id, treasurerUserId: managerA, confirm: true, ipAddress: "203.0.113.1" })).toEqual({ ok: true });
    expect((await accounts())[0]).toMatchObject({ status: "confirmed", kind: "ewallet" });
  });

  it("an e-wallet given at application is stored as E.164 with its kind; a landline is refused", async () => {
    const refused = await apply(applicationFields({ bankCode: "ovo", bankAccountNumber: "(0335) 771234", bankAccountHolder: "Yuyun" }), "198.51.100.31");
    expect(refused.status).toBe(422);
    expect(refused.data.errors).toEqual({ bankAccountNumber: "apply.error.ewalletNumber" });
    const fields = applicationFields({ bankCode: "ovo", bankAccountNumber: "0812-3456-0099", bankAccountHolder: "Yuyun Wahyuni" });
    expect((await apply(fields, "198.51.100.31")).data.ok).toBe(true);
    const [application] = await database.db.select().from(membershipApplications).where(eq(membershipApplications.email, fields.email!));
    expect(application).toMatchObject({ payoutKind: "ewallet", bankCode: "ovo", bankAccountNumber: "+6281234560099" });
  });
});

describe("the public profile is the member's", () => {
  it("the application text stays private; the producer shows only with a confirmed profile and a live product", async () => {
    const fields = applicationFields({ email: "profil@example.test", businessName: "Sambal Bu Yuyun", products: "Teks pendaftaran yang rahasia: omzet dan rencana." });
    expect((await apply(fields, "198.51.100.40")).data.ok).toBe(true);
    const [application] = await database.db.select().from(membershipApplications).where(eq(membershipApplications.email, fields.email!));
    const approved = await approveApplication(database.db, { cooperative: { id: a, name: "Koperasi A" }, applicationId: application!.id, actorUserId: managerA, ipAddress: "203.0.113.1" });
    if (!approved.ok) throw new Error("not approved");
    const memberId = approved.memberId!;
    const [created] = await database.db.select().from(members).where(eq(members.id, memberId));
    expect(created).toMatchObject({ specialtyId: "", storyId: "", profileConfirmedAt: null });

    const shown = async () => ({
      page: (await getProducer(database.db, a, created!.slug, "id")) !== undefined,
      listed: (await listProducers(database.db, a, "id")).producers.some((producer) => producer.slug === created!.slug),
      sitemap: (await sitemapEntries(database.db, a)).some((entry) => entry.path === `/producers/${created!.slug}`),
    });
    const hidden = { page: false, listed: false, sitemap: false };
    expect(await shown()).toEqual(hidden);

    // A live product alone does not show it (the profile is not the member's yet) ...
    await database.db.execute(sql`update products set member_id = ${memberId} where cooperative_id = ${a} and slug = 'abon-ikan-tongkol'`);
    expect(await shown()).toEqual(hidden);
    // ... the member's own profile does.
    const profile = { specialtyId: "Sambal botol", specialtyEn: "", storyId: "Sambal bawang buatan tangan dari Desa Binor, Paiton.", storyEn: "", phone: "+6281234000002" };
    await editBusinessProfile(database.db, a, memberId, { ...profile, showProfile: true });
    expect(await shown()).toEqual({ page: true, listed: true, sitemap: true });
    expect((await getProducer(database.db, a, created!.slug, "id"))?.story).toContain("Desa Binor");

    // Without a listed product it goes again; so it does when the member hides the profile.
    await database.db.update(products).set({ archivedAt: new Date() }).where(and(eq(products.cooperativeId, a), eq(products.slug, "abon-ikan-tongkol")));
    expect(await shown()).toEqual(hidden);
    await database.db.update(products).set({ archivedAt: null }).where(and(eq(products.cooperativeId, a), eq(products.slug, "abon-ikan-tongkol")));
    await editBusinessProfile(database.db, a, memberId, { ...profile, showProfile: false });
    expect(await shown()).toEqual(hidden);
  });
});
