import { and, asc, count, desc, eq, isNull, lte, ne, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { invitations, mediaAssets, memberBankAccounts, memberUsers, members, productVariants, productVersions, products, users } from "~db/schema";
import { imageSources } from "~/modules/media/images";
import { recordAudit } from "~/modules/audit/audit.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { uuidPattern } from "~/lib/ids";
import type { Refused } from "~/lib/results";
import { maskAccountNumber } from "~/lib/indonesia/banks";
import { payoutProviderName, type PayoutKind } from "~/lib/indonesia/payout-accounts";

export const LOW_STOCK_THRESHOLD = 5;

export type BankAccountView = {
  id: string;
  kind: PayoutKind;
  bankCode: string;
  bankName: string;
  /** Masked unless the viewer may see full numbers (treasurers), and then the view is logged. */
  accountNumber: string;
  holderName: string;
  status: "pending" | "confirmed" | "rejected" | "superseded";
  createdAt: Date;
};

function bankView(row: typeof memberBankAccounts.$inferSelect, full: boolean): BankAccountView {
  return {
    id: row.id,
    kind: row.kind,
    bankCode: row.bankCode,
    bankName: payoutProviderName(row.bankCode),
    accountNumber: full ? row.accountNumber : maskAccountNumber(row.accountNumber),
    holderName: row.holderName,
    status: row.status,
    createdAt: row.createdAt,
  };
}

export async function listMembers(db: Db, cooperativeId: string) {
  return db
    .select({
      id: members.id,
      memberNumber: members.memberNumber,
      slug: members.slug,
      businessName: members.businessName,
      ownerName: members.ownerName,
      village: members.village,
      district: members.district,
      status: members.status,
      joinedAt: members.joinedAt,
      // Spelled out: inside a subquery drizzle would leave the outer columns unqualified.
      productCount: sql<number>`(select count(*) from products p where p.cooperative_id = members.cooperative_id and p.member_id = members.id)`.mapWith(Number),
      pendingBank: sql<boolean>`exists (select 1 from member_bank_accounts b where b.cooperative_id = members.cooperative_id and b.member_id = members.id and b.status = 'pending')`,
    })
    .from(members)
    .where(eq(members.cooperativeId, cooperativeId))
    .orderBy(asc(members.memberNumber));
}

/**
 * A member's record for staff. Bank numbers are masked unless `showFullBank` (treasurers), and every such
 * view is written to the audit log (UU PDP: who looked at member bank data).
 */
export async function getMemberForStaff(
  db: Db,
  input: { cooperativeId: string; memberId: string; viewerUserId: string; showFullBank: boolean; ipAddress: string },
) {
  if (!uuidPattern.test(input.memberId)) return undefined;
  const [member] = await db
    .select()
    .from(members)
    .where(and(eq(members.cooperativeId, input.cooperativeId), eq(members.id, input.memberId)));
  if (!member) return undefined;
  const [accounts, people] = await Promise.all([
    db
      .select()
      .from(memberBankAccounts)
      .where(and(eq(memberBankAccounts.cooperativeId, input.cooperativeId), eq(memberBankAccounts.memberId, member.id)))
      .orderBy(desc(memberBankAccounts.createdAt)),
    memberPeople(db, input.cooperativeId, member.id),
  ]);
  if (input.showFullBank && accounts.length > 0) {
    await recordAudit(db, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.viewerUserId,
      action: "bank_account.viewed",
      entityType: "member",
      entityId: member.id,
      ipAddress: input.ipAddress,
    });
  }
  return { member, bankAccounts: accounts.map((row) => bankView(row, input.showFullBank)), people };
}

/** The people of a business: who works for it, then who is invited and has not accepted yet (`activated: false`). */
async function memberPeople(db: Db, cooperativeId: string, memberId: string) {
  const [working, invited] = await Promise.all([
    db
      .select({ userId: users.id, email: users.email, name: users.name, role: memberUsers.role })
      .from(memberUsers)
      .innerJoin(users, eq(users.id, memberUsers.userId))
      .where(and(eq(memberUsers.cooperativeId, cooperativeId), eq(memberUsers.memberId, memberId)))
      .orderBy(asc(memberUsers.role), asc(users.email)),
    db
      .select({ userId: users.id, email: users.email, name: users.name, kind: invitations.kind })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(and(eq(invitations.cooperativeId, cooperativeId), eq(invitations.memberId, memberId), isNull(invitations.acceptedAt)))
      .orderBy(asc(invitations.kind), asc(users.email)),
  ]);
  return [
    ...working.map((person) => ({ ...person, activated: true })),
    ...invited
      .filter((person) => !working.some((w) => w.userId === person.userId))
      .map((person) => ({
        userId: person.userId,
        email: person.email,
        name: person.name,
        role: person.kind === "member_owner" ? ("owner" as const) : ("helper" as const),
        activated: false,
      })),
  ];
}

/** The name and number a member's pages show at the top. */
export async function getMemberHeader(db: Db, cooperativeId: string, memberId: string) {
  const [row] = await db
    .select({ businessName: members.businessName, memberNumber: members.memberNumber })
    .from(members)
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, memberId)));
  return row;
}

/** What a member sees first: their business, products at a glance, low stock, payout account. */
export async function getMemberDashboard(db: Db, cooperativeId: string, memberId: string) {
  const [memberRows, productCounts, lowStock, accounts, people] = await Promise.all([
    db.select().from(members).where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, memberId))),
    db
      .select({
        live: sql<number>`count(*) filter (where ${products.liveVersionId} is not null and ${products.archivedAt} is null)`.mapWith(Number),
        total: count(),
      })
      .from(products)
      .where(and(eq(products.cooperativeId, cooperativeId), eq(products.memberId, memberId))),
    db
      .select({ sku: productVariants.sku, stock: productVariants.stock, slug: products.slug, productId: products.id, name: productVersions.nameId })
      .from(productVariants)
      .innerJoin(products, and(eq(products.cooperativeId, productVariants.cooperativeId), eq(products.id, productVariants.productId)))
      .leftJoin(productVersions, and(eq(productVersions.cooperativeId, products.cooperativeId), eq(productVersions.id, products.liveVersionId)))
      .where(
        and(
          eq(productVariants.cooperativeId, cooperativeId),
          eq(products.memberId, memberId),
          isNull(products.archivedAt),
          lte(productVariants.stock, LOW_STOCK_THRESHOLD),
        ),
      )
      .orderBy(asc(productVariants.stock)),
    db
      .select()
      .from(memberBankAccounts)
      .where(
        and(
          eq(memberBankAccounts.cooperativeId, cooperativeId),
          eq(memberBankAccounts.memberId, memberId),
          ne(memberBankAccounts.status, "superseded"),
        ),
      )
      .orderBy(desc(memberBankAccounts.createdAt)),
    memberPeople(db, cooperativeId, memberId),
  ]);
  const member = memberRows[0];
  if (!member) return undefined;
  const [photoRow] = member.photoAssetId
    ? await db.select().from(mediaAssets).where(and(eq(mediaAssets.cooperativeId, cooperativeId), eq(mediaAssets.id, member.photoAssetId)))
    : [];
  return {
    member,
    photo: photoRow ? imageSources(photoRow, member.businessName, 320) : null,
    products: productCounts[0] ?? { live: 0, total: 0 },
    lowStock,
    bankAccounts: accounts.filter((row) => row.status !== "rejected" || accounts.indexOf(row) === 0).map((row) => bankView(row, false)),
    people,
  };
}

export interface ProfileInput {
  storyId: string;
  storyEn: string;
  specialtyId: string;
  specialtyEn: string;
  phone: string;
  /** The member shows this profile in the shop; unticked, the producer page is hidden again. */
  showProfile: boolean;
}

/**
 * The public profile shown on the producer page, written by the member (search follows in the edit-business flow).
 * Showing it keeps the first time it was confirmed.
 */
export async function updateMemberProfile(db: Db, cooperativeId: string, memberId: string, input: ProfileInput) {
  const { showProfile, ...profile } = input;
  await db
    .update(members)
    .set({
      ...profile,
      profileConfirmedAt: showProfile ? sql`coalesce(${members.profileConfirmedAt}, now())` : null,
      updatedAt: new Date(),
    })
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, memberId)));
}

/**
 * A new payout account from the member: held as `pending` (replacing any earlier pending one) until a
 * treasurer confirms it; payouts keep going to the confirmed one meanwhile.
 */
export async function requestBankAccountChange(
  db: Db,
  input: { cooperativeId: string; memberId: string; userId: string; kind?: PayoutKind; bankCode: string; accountNumber: string; holderName: string },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(memberBankAccounts)
      .set({ status: "superseded" })
      .where(
        and(
          eq(memberBankAccounts.cooperativeId, input.cooperativeId),
          eq(memberBankAccounts.memberId, input.memberId),
          eq(memberBankAccounts.status, "pending"),
        ),
      );
    await tx.insert(memberBankAccounts).values({
      cooperativeId: input.cooperativeId,
      memberId: input.memberId,
      kind: input.kind ?? "bank",
      bankCode: input.bankCode,
      accountNumber: input.accountNumber,
      holderName: input.holderName,
      status: "pending",
      submittedByUserId: input.userId,
    });
  });
}

export async function listPendingBankAccounts(db: Db, cooperativeId: string, options: { full: boolean }) {
  const rows = await db
    .select({ account: memberBankAccounts, businessName: members.businessName, memberNumber: members.memberNumber })
    .from(memberBankAccounts)
    .innerJoin(members, and(eq(members.cooperativeId, memberBankAccounts.cooperativeId), eq(members.id, memberBankAccounts.memberId)))
    .where(and(eq(memberBankAccounts.cooperativeId, cooperativeId), eq(memberBankAccounts.status, "pending")))
    .orderBy(asc(memberBankAccounts.createdAt));
  return rows.map((row) => ({ ...bankView(row.account, options.full), memberId: row.account.memberId, businessName: row.businessName, memberNumber: row.memberNumber }));
}

/**
 * A treasurer confirms (the old confirmed account is superseded) or rejects a pending account, with an
 * audit record and an e-mail to the business's owner.
 */
export async function decideBankAccount(
  db: Db,
  input: { cooperative: { id: string; name: string; origin?: string }; bankAccountId: string; treasurerUserId: string; confirm: boolean; ipAddress: string },
): Promise<{ ok: true } | Refused<"not_pending">> {
  if (!uuidPattern.test(input.bankAccountId)) return { ok: false, error: "not_pending" };
  return db.transaction(async (tx) => {
    const [account] = await tx
      .select()
      .from(memberBankAccounts)
      .where(
        and(
          eq(memberBankAccounts.cooperativeId, input.cooperative.id),
          eq(memberBankAccounts.id, input.bankAccountId),
          eq(memberBankAccounts.status, "pending"),
        ),
      )
      .for("update");
    if (!account) return { ok: false as const, error: "not_pending" as const };
    if (input.confirm) {
      await tx
        .update(memberBankAccounts)
        .set({ status: "superseded" })
        .where(
          and(
            eq(memberBankAccounts.cooperativeId, input.cooperative.id),
            eq(memberBankAccounts.memberId, account.memberId),
            eq(memberBankAccounts.status, "confirmed"),
          ),
        );
    }
    const status = input.confirm ? "confirmed" : "rejected";
    await tx
      .update(memberBankAccounts)
      .set({ status, decidedByUserId: input.treasurerUserId, decidedAt: new Date() })
      .where(eq(memberBankAccounts.id, account.id));
    await recordAudit(tx, {
      cooperativeId: input.cooperative.id,
      actorUserId: input.treasurerUserId,
      action: input.confirm ? "bank_account.confirmed" : "bank_account.rejected",
      entityType: "member_bank_account",
      entityId: account.id,
      before: { status: "pending" },
      after: { status, memberId: account.memberId, bankCode: account.bankCode, accountNumber: maskAccountNumber(account.accountNumber) },
      ipAddress: input.ipAddress,
    });
    const [owner] = await tx
      .select({ email: users.email, name: users.name, locale: users.locale, businessName: members.businessName })
      .from(memberUsers)
      .innerJoin(users, eq(users.id, memberUsers.userId))
      .innerJoin(members, and(eq(members.cooperativeId, memberUsers.cooperativeId), eq(members.id, memberUsers.memberId)))
      .where(
        and(eq(memberUsers.cooperativeId, input.cooperative.id), eq(memberUsers.memberId, account.memberId), eq(memberUsers.role, "owner")),
      )
      .limit(1);
    if (owner) {
      await enqueueEmail(tx, {
        cooperativeId: input.cooperative.id,
        to: owner.email,
        locale: owner.locale === "en" ? "en" : "id",
        template: "bank_account_decided",
        data: {
          name: owner.name,
          link: `${input.cooperative.origin ?? ""}/member/settings#bank`,
          businessName: owner.businessName,
          cooperativeName: input.cooperative.name,
          confirmed: input.confirm,
          maskedNumber: maskAccountNumber(account.accountNumber),
        },
      });
    }
    return { ok: true as const };
  });
}

/** Sets the business photo shown on the producer page (the image is already checked and stored). */
export async function setMemberPhoto(db: Db, cooperativeId: string, memberId: string, assetId: string) {
  await db
    .update(members)
    .set({ photoAssetId: assetId, updatedAt: new Date() })
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, memberId)));
}

/** Moves the business to another village (official names from the area codes; search follows in the flow). */
export async function setMemberPlace(
  db: Db,
  cooperativeId: string,
  memberId: string,
  place: { province: string; regency: string; district: string; village: string },
) {
  await db
    .update(members)
    .set({ ...place, updatedAt: new Date() })
    .where(and(eq(members.cooperativeId, cooperativeId), eq(members.id, memberId)));
}
