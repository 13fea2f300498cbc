import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberBankAccounts, memberUsers, members, membershipApplications, outboxEmails, users } from "../../db/schema";
import { listAudit } from "~/modules/audit/audit.server";
import { signIn } from "~/modules/identity/accounts.server";
import { acceptInvitation, findInvitation } from "~/modules/identity/invitations.server";
import { hashPassword } from "~/modules/identity/password.server";
import { SECRET_LINK } from "~/modules/notifications/outbox.server";
import { linkIn, mailTo, sendDueEmails } from "../support/mail";
import { approveApplication } from "~/flows/approve-application.server";
import { applicationForLink, getApplication, rejectApplication, submitApplication, type ApplicationFields } from "~/modules/membership/applications.server";
import { inviteHelper } from "~/flows/edit-business.server";
import { decideBankAccount, getMemberForStaff, listMembers, requestBankAccountChange } from "~/modules/membership/members.server";
import { openCooperative } from "~/flows/open-cooperative.server";
import { listCooperatives } from "~/modules/tenancy/operator.server";
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
  payoutKind: "bank",
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
});
const browser = { ipAddress: "198.51.100.1", userAgent: "test" };

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
    // Invited, not yet attached: the business is hers once she accepts.
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, owner!.id))).toEqual([]);
    expect(await database.db.select().from(memberBankAccounts).where(eq(memberBankAccounts.memberId, created!.id))).toMatchObject([{ status: "pending", accountNumber: "1234567890" }]);
    const audit = await listAudit(database.db, a.id, { action: "membership.application.approved", page: 1 });
    expect(audit.items[0]).toMatchObject({ entityId: applicationId, actorEmail: "manager@a.test", after: { memberNumber: "AGT-0002" } });

    // The stored e-mail holds no link; the one sent does, on the cooperative's own host.
    const [stored] = await database.db.select().from(outboxEmails).where(and(eq(outboxEmails.toAddress, "lilik@example.test"), eq(outboxEmails.template, "invite")));
    expect(stored!.textBody).toContain(SECRET_LINK);
    expect(stored!.textBody).not.toContain("/invite/");
    const link = linkIn(mailTo(await sendDueEmails(database.db), "lilik@example.test"), "/invite/");
    expect(link.origin).toBe("http://a.test:3000");
    // A link is only good on the shop that sent it.
    expect(await findInvitation(database.db, b.id, link.token)).toBeUndefined();
    expect(await acceptInvitation(database.db, { cooperativeId: b.id, token: link.token, newPassword: "kerupuk-enak", ...browser })).toEqual({ ok: false, error: "invalid_link" });
    expect(await findInvitation(database.db, a.id, link.token)).toMatchObject({ email: "lilik@example.test", accountActive: false, kind: "member_owner" });
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token: link.token, newPassword: "kerupuk-enak", ...browser })).toMatchObject({ ok: true });
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, owner!.id))).toMatchObject([{ role: "owner", memberId: created!.id }]);
    expect((await signIn(database.db, { email: "lilik@example.test", password: "kerupuk-enak", ipAddress: "1.1.1.1", userAgent: "" })).ok).toBe(true);
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token: link.token, newPassword: "lagi-lagi-1", ...browser })).toEqual({ ok: false, error: "invalid_link" });
  });

  it("an application with the e-mail of an existing account never sets its password: its owner accepts while signed in", async () => {
    const [victim] = await database.db
      .insert(users)
      .values({ email: "korban@example.test", passwordHash: await hashPassword("sandi-korban-1"), isOperator: true })
      .returning();
    const applicationId = await submitApplication(database.db, a, fields({ email: "Korban@Example.test", businessName: "Usaha Palsu" }));
    const approved = await approveApplication(database.db, { ...context(a, managerA), applicationId });
    expect(approved.ok).toBe(true);
    const { token } = linkIn(mailTo(await sendDueEmails(database.db), "korban@example.test"), "/invite/");
    expect(await findInvitation(database.db, a.id, token)).toMatchObject({ accountActive: true });
    // Whoever holds the link cannot choose a password for the account, nor accept it as someone else.
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token, newPassword: "diambil-alih", ...browser })).toEqual({ ok: false, error: "has_password" });
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token, signedInUserId: managerA, ...browser })).toEqual({ ok: false, error: "wrong_account" });
    expect((await signIn(database.db, { email: "korban@example.test", password: "diambil-alih", ...browser })).ok).toBe(false);
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, victim!.id))).toEqual([]);
    // The refusals left the link usable: its owner, signed in, accepts.
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token, signedInUserId: victim!.id, ...browser })).toEqual({ ok: true, userId: victim!.id, sessionToken: undefined });
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, victim!.id))).toMatchObject([{ role: "owner" }]);
    expect((await signIn(database.db, { email: "korban@example.test", password: "sandi-korban-1", ...browser })).ok).toBe(true);
  });

  it("decides an application once; a second decision changes nothing", async () => {
    const applicationId = await submitApplication(database.db, a, fields({ email: "dua@example.test", businessName: "Dodol Dua" }));
    expect(await rejectApplication(database.db, { ...context(a, managerA), applicationId, reason: "Produk belum siap dijual" })).toEqual({ ok: true });
    expect(await approveApplication(database.db, { ...context(a, managerA), applicationId })).toEqual({ ok: false, error: "already_decided" });
    expect((await getApplication(database.db, a.id, applicationId))?.status).toBe("rejected");
    const [rejection] = await database.db.select().from(outboxEmails).where(and(eq(outboxEmails.toAddress, "dua@example.test"), eq(outboxEmails.template, "application_rejected")));
    expect(rejection?.textBody).toContain("Produk belum siap dijual");
  });

  it("gives the applicant a private link to the application's status in each e-mail, never to staff or another shop", async () => {
    const applicationId = await submitApplication(database.db, a, fields({ email: "tiga@example.test", businessName: "Sambal Tiga" }));
    await rejectApplication(database.db, { ...context(a, managerA), applicationId, reason: "Label belum lengkap" });
    const stored = await database.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, "tiga@example.test"));
    expect(stored.map((email) => email.template).sort()).toEqual(["application_received", "application_rejected"]);
    for (const email of stored) {
      expect(email.textBody).toContain(SECRET_LINK);
      expect(email.textBody).not.toContain("/daftar-anggota/status/");
    }

    const sent = await sendDueEmails(database.db);
    const received = sent.find((message) => message.to === "tiga@example.test" && /sudah kami terima/.test(message.subject));
    const rejected = sent.find((message) => message.to === "tiga@example.test" && /Kabar tentang/.test(message.subject));
    const first = linkIn(received, "/daftar-anggota/status/");
    const second = linkIn(rejected, "/daftar-anggota/status/");
    expect(first.origin).toBe("http://a.test:3000");
    expect(first.token).not.toBe(second.token);
    expect(await applicationForLink(database.db, a.id, first.token)).toMatchObject({ businessName: "Sambal Tiga", status: "rejected", decisionReason: "Label belum lengkap" });
    // The same token at another cooperative's shop, or altered, opens nothing.
    expect(await applicationForLink(database.db, b.id, first.token)).toBeUndefined();
    expect(await applicationForLink(database.db, a.id, `${first.token.slice(0, -1)}x`)).toBeUndefined();
    expect(await applicationForLink(database.db, a.id, "../../etc/passwd")).toBeUndefined();
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
    expect(await approveApplication(database.db, { ...context(a, managerA), applicationId: applicationOfB })).toEqual({ ok: false, error: "not_found" });
    expect(await rejectApplication(database.db, { ...context(a, managerA), applicationId: applicationOfB, reason: "coba-coba" })).toEqual({ ok: false, error: "not_found" });
    expect((await getApplication(database.db, b.id, applicationOfB))?.status).toBe("submitted");
    expect(await approveApplication(database.db, { ...context(a, managerA), applicationId: "bukan-uuid" })).toEqual({ ok: false, error: "not_found" });
  });
});

describe("bank accounts", () => {
  it("a changed account stays pending until a treasurer confirms it; then the old one is superseded", async () => {
    const applicationId = await submitApplication(database.db, a, fields({ email: "bank@example.test", businessName: "Sambal Bank" }));
    const approved = await approveApplication(database.db, { ...context(a, managerA), applicationId });
    if (!approved.ok) throw new Error();
    const memberId = approved.memberId!;
    const [first] = await database.db.select().from(memberBankAccounts).where(eq(memberBankAccounts.memberId, memberId));
    expect(await decideBankAccount(database.db, { cooperative: a, bankAccountId: first!.id, treasurerUserId: treasurerA, confirm: true, ipAddress: "" })).toEqual({ ok: true });

    await requestBankAccountChange(database.db, { cooperativeId: a.id, memberId, userId: treasurerA, bankCode: "bri", accountNumber: "123456789012345", holderName: "Pembajak" });
    const statuses = async () =>
      (await database.db.select().from(memberBankAccounts).where(eq(memberBankAccounts.memberId, memberId))).map((row) => `${row.bankCode}:${row.status}`).sort();
    expect(await statuses()).toEqual(["bca:confirmed", "bri:pending"]);
    const [pending] = await database.db.select().from(memberBankAccounts).where(and(eq(memberBankAccounts.memberId, memberId), eq(memberBankAccounts.status, "pending")));
    expect(await decideBankAccount(database.db, { cooperative: b, bankAccountId: pending!.id, treasurerUserId: treasurerA, confirm: true, ipAddress: "" })).toEqual({ ok: false, error: "not_pending" });
    expect(await decideBankAccount(database.db, { cooperative: a, bankAccountId: pending!.id, treasurerUserId: treasurerA, confirm: false, ipAddress: "" })).toEqual({ ok: true });
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
  it("an owner invites a helper, who is attached only on accepting; a person works for one business per cooperative", async () => {
    const [lama] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a.id), eq(members.slug, "lama")));
    const [other] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a.id), eq(members.businessName, "Sambal Bank")));
    const input = { cooperative: a, email: "Helper@Example.test", locale: "id" as const, invitedByUserId: managerA };
    expect(await inviteHelper(database.db, { ...input, memberId: lama!.id })).toEqual({ ok: true });
    // Asking again sends the same invitation again.
    expect(await inviteHelper(database.db, { ...input, memberId: lama!.id })).toEqual({ ok: true });
    const record = await getMemberForStaff(database.db, { cooperativeId: a.id, memberId: lama!.id, viewerUserId: managerA, showFullBank: false, ipAddress: "" });
    expect(record?.people).toEqual([expect.objectContaining({ email: "helper@example.test", role: "helper", activated: false })]);
    const sent = (await sendDueEmails(database.db)).filter((mail) => mail.to === "helper@example.test");
    expect(sent).toHaveLength(2);
    // The newer link replaced the older one.
    expect(await findInvitation(database.db, a.id, linkIn(sent[0], "/invite/").token)).toBeUndefined();
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token: linkIn(sent[1], "/invite/").token, newPassword: "bantu-bantu-1", ...browser })).toMatchObject({ ok: true });
    const after = await getMemberForStaff(database.db, { cooperativeId: a.id, memberId: lama!.id, viewerUserId: managerA, showFullBank: false, ipAddress: "" });
    expect(after?.people).toEqual([expect.objectContaining({ email: "helper@example.test", role: "helper", activated: true })]);
    expect(await inviteHelper(database.db, { ...input, memberId: lama!.id })).toEqual({ ok: false, error: "already_helper" });
    expect(await inviteHelper(database.db, { ...input, memberId: other!.id })).toEqual({ ok: false, error: "already_in_other_business" });
  });

  it("an owner cannot attach someone else's account: inviting an existing account changes nothing until it accepts", async () => {
    const [lama] = await database.db.select().from(members).where(and(eq(members.cooperativeId, a.id), eq(members.slug, "lama")));
    const [stranger] = await database.db.insert(users).values({ email: "orang-lain@example.test", passwordHash: await hashPassword("punya-saya-1") }).returning();
    expect(await inviteHelper(database.db, { cooperative: a, email: "orang-lain@example.test", locale: "id", invitedByUserId: managerA, memberId: lama!.id })).toEqual({ ok: true });
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, stranger!.id))).toEqual([]);
    const { token } = linkIn(mailTo(await sendDueEmails(database.db), "orang-lain@example.test"), "/invite/");
    expect(await acceptInvitation(database.db, { cooperativeId: a.id, token, newPassword: "diganti-owner", ...browser })).toEqual({ ok: false, error: "has_password" });
    expect((await signIn(database.db, { email: "orang-lain@example.test", password: "punya-saya-1", ...browser })).ok).toBe(true);
    expect(await database.db.select().from(memberUsers).where(eq(memberUsers.userId, stranger!.id))).toEqual([]);
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
      locale: "id" as const,
    };
    const created = await openCooperative(database.db, input);
    expect(created.ok).toBe(true);
    expect(await openCooperative(database.db, input)).toEqual({ ok: false, error: "slug_taken" });
    expect(await openCooperative(database.db, { ...input, slug: "lain" })).toEqual({ ok: false, error: "host_taken" });
    // The operator never sees the link; the manager's e-mail carries it, on the new cooperative's own host.
    expect(JSON.stringify(created)).not.toMatch(/invite/);
    const link = linkIn(mailTo(await sendDueEmails(database.db), "ketua@baru.test"), "/invite/");
    expect(link.origin).toBe("http://baru.test:3000");
    const newId = created.ok ? created.cooperativeId : "";
    expect(await findInvitation(database.db, newId, link.token)).toMatchObject({ kind: "staff", staffRole: "manager", accountActive: false });
    expect(await acceptInvitation(database.db, { cooperativeId: newId, token: link.token, newPassword: "ketua-baru-1", ...browser })).toMatchObject({ ok: true });
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
