import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { auditLog, cooperatives, members, productVersionImages, products, users } from "../../db/schema";
import { createLocalAsset } from "~/modules/media/assets.server";
import { reviseProduct, submitVersion } from "~/modules/catalog/listings/listings.server";
import { cooperativeForHost } from "~/modules/tenancy/cooperative.server";
import { settingsFormSchema } from "~/modules/tenancy/settings-form";
import { fulfilmentDays } from "~/modules/orders/fulfilment.server";
import { getCooperativeSettings, updateCooperativeSettings, type CooperativeSettings } from "~/modules/tenancy/settings.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;
let manager: string;
let siti: string;
let chips: string;

const settingsAudits = (cooperativeId: string) =>
  database.db.select().from(auditLog).where(and(eq(auditLog.cooperativeId, cooperativeId), eq(auditLog.action, "cooperative.settings_changed")));

const validForm = {
  name: "Kopwan Binor",
  legalName: "Koperasi Wanita Pesisir Binor",
  address: "Jl. Raya Binor No. 12",
  postalCode: "67291",
  phone: "081234567890",
  email: "pengurus@kopwan.example",
  feeRate: "10",
  payoutHoldDays: "7",
  orderExpiryHours: "24",
  reviewSkipPricePct: "10",
  handoverDays: "1",
  completeAfterDays: "3",
  returnWindowDays: "7",
  bankCode: "jatim",
  bankAccountNumber: "0011223344",
  bankAccountHolder: "Koperasi Wanita Pesisir Binor",
};
const settings = (changes: Record<string, string> = {}): CooperativeSettings => settingsFormSchema.parse({ ...validForm, ...changes });

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  manager = (await database.db.insert(users).values({ email: "pengurus@a.test" }).returning())[0]!.id;
  siti = (await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, "dapur-bu-siti"))))[0]!.id;
  const [product] = await database.db.select().from(products).where(and(eq(products.cooperativeId, a), eq(products.slug, "keripik-singkong-balado")));
  chips = product!.id;
  // The fixture's live version gets its three required photos, so a revision can be submitted.
  for (const [position, role] of (["product", "packaging_front", "label_back"] as const).entries()) {
    const bytes = await sharp({ create: { width: 400, height: 400, channels: 3, background: "#19737a" } }).png().toBuffer();
    const assetId = await createLocalAsset(database.db, database.mediaRoot, a, bytes);
    await database.db.insert(productVersionImages).values({ cooperativeId: a, versionId: product!.liveVersionId!, assetId, role, position });
  }
  await updateCooperativeSettings(database.db, { cooperativeId: a, actorUserId: manager, settings: settings() });
});
afterAll(() => database.close());

describe("cooperative settings", () => {
  it("saves the changed fields and audits each one before and after; the other cooperative is untouched", async () => {
    const before = await getCooperativeSettings(database.db, b);
    const audits = (await settingsAudits(a)).length;
    const result = await updateCooperativeSettings(database.db, {
      cooperativeId: a,
      actorUserId: manager,
      ipAddress: "203.0.113.9",
      settings: settings({ feeRate: "7,5", reviewSkipPricePct: "0", taglineId: "Oleh-oleh pesisir" }),
    });
    expect(result.changed.sort()).toEqual(["feeRateBp", "reviewSkipPricePct", "taglineId"]);
    expect(await getCooperativeSettings(database.db, a)).toMatchObject({ feeRateBp: 750, reviewSkipPricePct: 0, taglineId: "Oleh-oleh pesisir" });
    const entries = await settingsAudits(a);
    expect(entries).toHaveLength(audits + 1);
    const last = entries.at(-1)!;
    expect(last).toMatchObject({ actorUserId: manager, entityId: a, ipAddress: "203.0.113.9" });
    expect(last.before).toEqual({ feeRateBp: 1000, reviewSkipPricePct: 10, taglineId: "" });
    expect(last.after).toEqual({ feeRateBp: 750, reviewSkipPricePct: 0, taglineId: "Oleh-oleh pesisir" });
    expect(await getCooperativeSettings(database.db, b)).toEqual(before);
  });

  it("saves the order days (hand-over, completion, return window), audited, and the return window is what a return is checked against", async () => {
    const result = await updateCooperativeSettings(database.db, {
      cooperativeId: a,
      actorUserId: manager,
      settings: settings({ feeRate: "7,5", reviewSkipPricePct: "0", taglineId: "Oleh-oleh pesisir", handoverDays: "2", completeAfterDays: "10", returnWindowDays: "5" }),
    });
    expect(result.changed.sort()).toEqual(["completeAfterDays", "handoverDays", "returnWindowDays"]);
    expect(await fulfilmentDays(database.db, a)).toEqual({ handoverDays: 2, completeAfterDays: 10, returnWindowDays: 5 });
    const last = (await settingsAudits(a)).at(-1)!;
    expect(last.before).toEqual({ handoverDays: 1, completeAfterDays: 3, returnWindowDays: 7 });
    expect(last.after).toEqual({ handoverDays: 2, completeAfterDays: 10, returnWindowDays: 5 });
    expect(await fulfilmentDays(database.db, b)).toEqual({ handoverDays: 1, completeAfterDays: 3, returnWindowDays: 7 });
    // A value outside the database's own range never reaches it: the form refuses it first.
    expect(settingsFormSchema.safeParse({ ...validForm, returnWindowDays: "61" }).success).toBe(false);
    await updateCooperativeSettings(database.db, { cooperativeId: a, actorUserId: manager, settings: settings({ feeRate: "7,5", reviewSkipPricePct: "0", taglineId: "Oleh-oleh pesisir" }) });
  });

  it("saving the same values again changes nothing and audits nothing", async () => {
    const audits = (await settingsAudits(a)).length;
    const result = await updateCooperativeSettings(database.db, {
      cooperativeId: a,
      actorUserId: manager,
      settings: settings({ feeRate: "7.50", reviewSkipPricePct: "0", taglineId: "Oleh-oleh pesisir" }),
    });
    expect(result.changed).toEqual([]);
    expect(await settingsAudits(a)).toHaveLength(audits);
  });

  it("the review limit is read when a member submits: 0% sends a small price change to review, 10% lets it through", async () => {
    const changePriceBy = async (percent: number) => {
      const revised = await reviseProduct(database.db, { cooperativeId: a, memberId: siti, productId: chips });
      if (!revised.ok) throw new Error(revised.error);
      await database.db.execute(sql`
        update product_version_variants set price = price * ${100 + percent} / 100 where version_id = ${revised.versionId}`);
      return submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, actorUserId: manager });
    };
    expect(await changePriceBy(5)).toEqual({ ok: true, state: "in_review" });
    await database.db.execute(sql`update product_versions set state = 'rejected' where product_id = ${chips} and state = 'in_review'`);
    await updateCooperativeSettings(database.db, { cooperativeId: a, actorUserId: manager, settings: settings({ reviewSkipPricePct: "10" }) });
    expect(await changePriceBy(5)).toEqual({ ok: true, state: "approved" });
  });

  it("a saved change shows at once on the next request, though the host lookup is cached", async () => {
    const shop = async (host: string) => {
      const match = await cooperativeForHost(database.db, host);
      return match.kind === "shop" ? match.cooperative : undefined;
    };
    expect((await shop("a.test:3000"))?.id).toBe(a);
    await updateCooperativeSettings(database.db, { cooperativeId: a, actorUserId: manager, settings: settings({ taglineId: "Rasa pesisir Binor" }) });
    expect((await shop("a.test:3000"))?.taglineId).toBe("Rasa pesisir Binor");
    expect((await shop("b.test"))?.id).toBe(b);
  });

  it("the database refuses a fee outside 0 to 100 percent even if a caller skipped the form", async () => {
    await expect(database.db.update(cooperatives).set({ feeRateBp: 10_001 }).where(eq(cooperatives.id, a))).rejects.toThrow();
  });
});
