import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberBankAccounts, memberUsers, members, membershipApplications, outboxEmails, users } from "../../db/schema";
import { listAudit } from "~/modules/audit/audit.server";
import { setPasswordWithToken, signIn } from "~/modules/identity/accounts.server";
import { approveApplication, getApplication, rejectApplication, submitApplication, type ApplicationFields } from "~/modules/membership/applications.server";
import { decideBankAccount, getMemberForStaff, inviteHelper, listMembers, requestBankAccountChange } from "~/modules/membership/members.server";
import { createCooperative, listCooperatives } from "~/modules/tenancy/operator.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { category, cooperativeContent, member, product, seedCooperative } from "../support/factories";

let database: TestDatabase;
let a: { id: string; name: string };
let b: { id: string; name: string };
let managerA: string;
let treasurerA: string;

const fields = (overrides: Partial<ApplicationFields> = {}): ApplicationFields => ({
  businessName: "Kerupuk Ikan Bu Lilik",
  ownerName: "Lilik Suryani",
  phone: "+6281234567001",
  email: "lilik@example.test",
  provinceCode: "35",
  regencyCode: "35.13",
  districtCode: "35.13.12",
  villageCode: "35.13.12.2020",
  province: "Jawa Timur",
  regency: "Kabupaten Probolinggo",
  district: "Paiton",
  village: "Bhinor",
  street: "Dusun Krajan RT 01 RW 02",
  postalCode: "67291",
  nib: "1234567890123",
  products: "Kerupuk ikan tengiri dan petis udang",
  bankCode: "bca",
  bankAccountNumber: "1234567890",
  bankAccountHolder: "Lilik Suryani",
  locale: "id",
  ...overrides,
});
const context = (cooperative: { id: string; name: string }, actorUserId: string) => ({
  cooperative,
  actorUserId,
  ipAddress: "203.0.113.1",
  origin: "http://a.test",
});

beforeAll(async () => {
  database = await createTestDatabase();
  const content = (slug: string) =>
    cooperativeContent(slug, {
      hosts: [`${slug}.test`],
      categories: [category({ slug: "keripik" })],
      members: [member({ slug: "lama", businessName: "Usaha Lama" })],
      products: [product({ slug: "keripik-lama", memberSlug: "lama", categorySlug: "keripik", nameId: "Keripik Lama" })],
    });
  a = { id: await seedCooperative(database.db, database.mediaRoot, content("a")), name: "Koperasi A" };
  b = { id: await seedCooperative(database.db, database.mediaRoot, content("b")), name: "Koperasi B" };
  const [manager] = await database.db.insert(users).values({ email: "manager@a.test" }).returning();
  const [treasurer] = await database.db.insert(users).values({ email: "treasurer@a.test" }).returning();
  managerA = manager!.id;
  treasurerA = treasurer!.id;
});
afterAll(() => database.close());

describe("membership applications", () => {
  it("approving creates the member with the next number, the owner's invite, a pending bank account and an audit record", async () => {
    const applicationId = await submitApplication(database.db, a, fields());
    const result = await approveApplication(database.db, { ...context(a, managerA), applicationId });
    expect(result).toMatchObject({ ok: true, memberNumber: "AGT-0002" });
    if (!result.ok) return;
    const [created] = await database.db.select().from(members).where(eq(members.id, result.memberId!));
    expect(created).toMatchObject({ businessName: "Kerupuk Ikan Bu Lilik", slug: "kerupuk-ikan-bu-lilik", village: "Bhinor", cooperativeId: a.id });
    const [owner] = await database.db.select().from(users).where(eq(users.email, "lilik@example.test"));
    expect(owner?.passwordHash).toBeNull();
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, owner!.id))).toMatchObject([{ role: "owner", memberId: created!.id }]);
    expect(await database.db.select().from(memberBankAccounts).where(eq(memberBankAccounts.memberId, created!.id))).toMatchObject([{ status: "pending", accountNumber: "1234567890" }]);
    const audit = await listAudit(database.db, a.id, { action: "membership.application.approved", page: 1 });
    expect(audit.items[0]).toMatchObject({ entityId: applicationId, actorEmail: "manager@a.test", after: { memberNumber: "AGT-0002" } });

    // The invitation link from the outbox lets the owner set a password and sign in.
    const emails = await database.db.select().from(outboxEmails).where(and(eq(outboxEmails.toAddress, "lilik@example.test"), eq(outboxEmails.template, "invite")));
    const token = /\/invite\/([\w-]+)/.exec(emails[0]!.textBody)![1]!;
    expect(await setPasswordWithToken(database.db, { token, purpose: "invite", password: "kerupuk-enak", ipAddress: "", userAgent: "" })).toBeDefined();
    expect((await signIn(database.db, { email: "lilik@example.test", password: "kerupuk-enak", ipAddress: "1.1.1.1", userAgent: "" })).ok).toBe(true);
  });

  it("decides an application once; a second decision changes nothing", async () => {
    const applicationId = await submitApplication(database.db, a, fields({ email: "dua@example.test", businessName: "Dodol Dua" }));
    expect(await rejectApplication(database.db, { ...context(a, managerA), applicationId, reason: "Produk belum siap dijual" })).toEqual({ ok: true });
    expect(await approveApplication(database.db, { ...context(a, managerA), applicationId })).toEqual({ ok: false, reason: "already_decided" });
    expect((await getApplication(database.db, a.id, applicationId))?.status).toBe("rejected");
    const [rejection] = await database.db.select().from(outboxEmails).where(and(eq(outboxEmails.toAddress, "dua@example.test"), eq(outboxEmails.template, "application_rejected")));
    expect(rejection?.textBody).toContain("Produk belum siap dijual");
  });

  it("numbers members without gaps or duplicates when approvals race", async () => {
    const ids = await Promise.all(
      [1, 2, 3, 4].map((n) => submitApplication(database.db, a, fields({ email: `race${n}@example.test`, businessName: `Usaha Balapan ${n}` }))),
    );
    const results = await Promise.all(ids.map((applicationId) => approveApplication(database.db, { ...context(a, managerA), applicationId })));
    const numbers = results.map((r) => (r.ok ? r.memberNumber : "")).sort();
    expect(new Set(numbers).size).toBe(4);
    expect(numbers.every((n) => /^AGT-000[3-9]$/.test(n!))).toBe(true);
  });

  it("an application id from cooperative B, used in cooperative A, is not found and changes nothing", async () => {
    const applicationOfB = await submitApplication(database.db, b, fields({ email: "b@example.test" }));
    expect(await getApplication(database.db, a.id, applicationOfB)).toBeUndefined();
    expect(await approveApplication(database.db, { ...context(a, managerA), applicationId: applicationOfB })).toEqual({ ok: false, reason: "not_found" });
    expect(await rejectApplication(database.db, { ...context(a, managerA), applicationId: applicationOfB, reason: "coba-coba" })).toEqual({ ok: false, reason: "not_found" });
    expect((await getApplication(database.db, b.id, applicationOfB))?.status).toBe("submitted");
    expect(await approveApplication(database.db, { ...context(a, managerA), applicationId: "bukan-uuid" })).toEqual({ ok: false, reason: "not_found" });
  });
});

describe("bank accounts", () => {
  it("a changed account stays pending until a treasurer confirms it; then the old one is superseded", async () => {
    const applicationId = await submitApplication(database.db, a, fields({ email: "bank@example.test", businessName: "Sambal Bank" }));
    const approved = await approveApplication(database.db, { ...context(a, managerA), applicationId });
    if (!approved.ok) throw new Error();
    const memberId = approved.memberId!;
    const [first] = await database.db.select().from(memberBankAccounts).where(eq(memberBankAccounts.memberId, memberId));
    expect(await decideBankAccount(database.db, { cooperative: a, bankAccountId: first!.id, treasurerUserId: treasurerA, confirm: true, ipAddress: "" })).toBe(true);

    await requestBankAccountChange(database.db, { cooperativeId: a.id, memberId, userId: treasurerA, bankCode: "bri", accountNumber: "123456789012345", holderName: "Pembajak" });
    const statuses = async () =>
      (await database.db.select().from(memberBankAccounts).where(eq(memberBankAccounts.memberId, memberId))).map((row) => `${row.bankCode}:${row.status}`).sort();
    expect(await statuses()).toEqual(["bca:confirmed", "bri:pending"]);
    const [pending] = await database.db.select().from(memberBankAccounts).where(and(eq(memberBankAccounts.memberId, memberId), eq(memberBankAccounts.status, "pending")));
    expect(await decideBankAccount(database.db, { cooperative: b, bankAccountId: pending!.id, treasurerUserId: treasurerA, confirm: true, ipAddress: "" })).toBe(false);
    expect(await decideBankAccount(database.db, { cooperative: a, bankAccountId: pending!.id, treasurerUserId: treasurerA, confirm: false, ipAddress: "" })).toBe(true);
    expect(await statuses()).toEqual(["bca:confirmed", "bri:rejected"]);
    expect((await listAudit(database.db, a.id, { action: "bank_account.", page: 1 })).items.map((i) => i.action)).toEqual(["bank_account.rejected", "bank_account.confirmed"]);
  });

  it("staff see bank numbers masked; a treasurer's full view is logged", async () => {
    const [someMember] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a.id), eq(members.businessName, "Sambal Bank")));
    const masked = await getMemberForStaff(database.db, { cooperativeId: a.id, memberId: someMember!.id, viewerUserId: managerA, showFullBank: false, ipAddress: "" });
    expect(masked?.bankAccounts.every((account) => account.accountNumber.startsWith("•"))).toBe(true);
    const before = (await listAudit(database.db, a.id, { action: "bank_account.viewed", page: 1 })).total;
    const full = await getMemberForStaff(database.db, { cooperativeId: a.id, memberId: someMember!.id, viewerUserId: treasurerA, showFullBank: true, ipAddress: "" });
    expect(full?.bankAccounts.map((account) => account.accountNumber)).toContain("1234567890");
    expect((await listAudit(database.db, a.id, { action: "bank_account.viewed", page: 1 })).total).toBe(before + 1);
    expect(await getMemberForStaff(database.db, { cooperativeId: b.id, memberId: someMember!.id, viewerUserId: managerA, showFullBank: true, ipAddress: "" })).toBeUndefined();
  });
});

describe("member lists", () => {
  it("count each member's own products and flag pending bank accounts", async () => {
    const list = await listMembers(database.db, a.id);
    expect(list.find((m) => m.businessName === "Usaha Lama")).toMatchObject({ memberNumber: "AGT-0001", productCount: 1, pendingBank: false });
    expect(list.find((m) => m.businessName === "Kerupuk Ikan Bu Lilik")).toMatchObject({ productCount: 0, pendingBank: true });
    const cooperativesListed = await listCooperatives(database.db);
    expect(cooperativesListed.find((c) => c.id === b.id)).toMatchObject({ hosts: ["b.test"], members: 1 });
  });
});

describe("helpers and operators", () => {
  it("an owner invites a helper; a person works for one business per cooperative", async () => {
    const [lama] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a.id), eq(members.slug, "lama")));
    const [other] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a.id), eq(members.businessName, "Sambal Bank")));
    const input = { cooperative: a, email: "Helper@Example.test", origin: "http://a.test", locale: "id" as const };
    expect(await inviteHelper(database.db, { ...input, memberId: lama!.id })).toEqual({ ok: true });
    expect(await inviteHelper(database.db, { ...input, memberId: lama!.id })).toEqual({ ok: false, reason: "already_helper" });
    expect(await inviteHelper(database.db, { ...input, memberId: other!.id })).toEqual({ ok: false, reason: "already_in_other_business" });
    const record = await getMemberForStaff(database.db, { cooperativeId: a.id, memberId: lama!.id, viewerUserId: managerA, showFullBank: false, ipAddress: "" });
    expect(record?.people).toEqual([expect.objectContaining({ email: "helper@example.test", role: "helper", activated: false })]);
  });

  it("an operator creates a cooperative with its host and first manager, once per slug and host", async () => {
    const input = {
      slug: "kopwan-baru",
      name: "Koperasi Baru",
      legalName: "Koperasi Wanita Baru",
      regency: "Kota Probolinggo",
      province: "Jawa Timur",
      host: "baru.test",
      managerEmail: "ketua@baru.test",
      managerName: "Ibu Ketua",
      operatorUserId: managerA,
      ipAddress: "",
      origin: "https://etalase.test",
      locale: "id" as const,
    };
    const created = await createCooperative(database.db, input);
    expect(created.ok).toBe(true);
    expect(await createCooperative(database.db, input)).toEqual({ ok: false, reason: "slug_taken" });
    expect(await createCooperative(database.db, { ...input, slug: "lain" })).toEqual({ ok: false, reason: "host_taken" });
    const [invite] = await database.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, "ketua@baru.test"));
    expect(invite?.textBody).toMatch(/https:\/\/baru\.test\/invite\//);
    // No SMTP here: the operator gets the same link to pass on.
    expect(created.ok && created.keptInviteLink).toMatch(/^https:\/\/baru\.test\/invite\/[A-Za-z0-9_-]+$/);
    expect(invite?.textBody).toContain(created.ok ? created.keptInviteLink : "?");
  });
});

describe("the audit log", () => {
  it("is append-only: updates and deletes are refused by the database", async () => {
    const [entry] = await database.db.select().from(auditLog).limit(1);
    expect(entry).toBeDefined();
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/audit_log is append-only/) }) };
    await expect(database.db.update(auditLog).set({ action: "forged" }).where(eq(auditLog.id, entry!.id))).rejects.toMatchObject(refused);
    await expect(database.db.delete(auditLog).where(eq(auditLog.id, entry!.id))).rejects.toMatchObject(refused);
    await expect(database.db.execute(sql`truncate audit_log`)).rejects.toMatchObject(refused);
    const [still] = await database.db.select().from(auditLog).where(eq(auditLog.id, entry!.id));
    expect(still?.action).toBe(entry!.action);
  });

  it("a manager reads only their cooperative's records", async () => {
    const ofB = await listAudit(database.db, b.id, { page: 1 });
    expect(ofB.items.some((item) => item.actorEmail === "manager@a.test")).toBe(false);
    expect((await database.db.select().from(membershipApplications).where(eq(membershipApplications.cooperativeId, b.id))).length).toBe(1);
  });
});
