import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, shippingRates, staffRoles, users } from "../../db/schema";
import { FORM_TOKEN_FIELD, newFormToken } from "~/lib/form-token.server";
import { sessionCookie } from "~/lib/session-cookie.server";
import { deleteShippingRate, getDeliverySettings, saveDeliverySettings, saveShippingRate, type ShippingRateForm } from "~/modules/checkout/delivery-settings.server";
import { deliveryOptions } from "~/modules/checkout/options.server";
import { courierQuote } from "~/modules/checkout/shipping";
import { createSession } from "~/modules/identity/sessions.server";
import { action as deliveryAction } from "~/routes/admin.settings_.delivery";
import { category, cooperativeContent, seedCooperative } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

process.env.SESSION_SECRET ??= "delivery-settings-test-secret-0123456789abcdef";

let database: TestDatabase;
let a: string;
let b: string;
let manager: string;
let cookie: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  manager = (await database.db.insert(users).values({ email: "pengurus@a.test" }).returning())[0]!.id;
  await database.db.insert(staffRoles).values({ cooperativeId: a, userId: manager, role: "manager" });
  cookie = await sessionCookie().serialize(await createSession(database.db, manager, { userAgent: "test", ipAddress: "203.0.113.9" }));
});
afterAll(() => database.close());

const actor = (cooperativeId: string) => ({ cooperativeId, actorUserId: manager, ipAddress: "203.0.113.9" });
const rate = (overrides: Partial<ShippingRateForm> = {}): ShippingRateForm => ({
  provinceCode: "35",
  regencyCode: null,
  firstKg: 12000,
  nextKg: 8000,
  etaDaysMin: 1,
  etaDaysMax: 3,
  ...overrides,
});
const auditsOf = (cooperativeId: string, action: string) =>
  database.db.select().from(auditLog).where(and(eq(auditLog.cooperativeId, cooperativeId), eq(auditLog.action, action))).orderBy(auditLog.id);
const parcel = [{ weightGrams: 2500, lengthMm: 100, widthMm: 100, heightMm: 100, quantity: 1 }];

describe("pickup and local delivery", () => {
  it("are saved with an audit of what changed, and checkout offers them at once", async () => {
    expect(await saveDeliverySettings(database.db, { ...actor(a), settings: { pickupEnabled: false, localDeliveryFee: 15000, localDeliveryArea: "Kota Probolinggo" } })).toEqual({
      changed: ["pickupEnabled", "localDeliveryFee", "localDeliveryArea"],
    });
    expect(await deliveryOptions(database.db, a)).toMatchObject({ pickupEnabled: false, localDeliveryFee: 15000, localDeliveryArea: "Kota Probolinggo" });
    const [entry] = await auditsOf(a, "delivery.settings_saved");
    expect(entry).toMatchObject({
      actorUserId: manager,
      entityId: a,
      before: { pickupEnabled: true, localDeliveryFee: null, localDeliveryArea: "" },
      after: { pickupEnabled: false, localDeliveryFee: 15000, localDeliveryArea: "Kota Probolinggo" },
    });
    expect(await saveDeliverySettings(database.db, { ...actor(a), settings: { pickupEnabled: false, localDeliveryFee: 15000, localDeliveryArea: "Kota Probolinggo" } })).toEqual({ changed: [] });
    expect(await auditsOf(a, "delivery.settings_saved")).toHaveLength(1);
    expect(await deliveryOptions(database.db, b)).toMatchObject({ pickupEnabled: true, localDeliveryFee: null });
  });
});

describe("the courier rate table", () => {
  let eastJava: string;

  it("adds, changes and deletes rows, each audited, and checkout quotes from them", async () => {
    const added = await saveShippingRate(database.db, { ...actor(a), rate: rate() });
    if (!added.ok) throw new Error(added.error);
    eastJava = added.id;
    const probolinggo = await saveShippingRate(database.db, { ...actor(a), rate: rate({ regencyCode: "35.74", firstKg: 8000, nextKg: 5000 }) });
    expect(probolinggo.ok).toBe(true);
    const quote = async (regencyCode: string) => courierQuote((await deliveryOptions(database.db, a)).rates, { provinceCode: "35", regencyCode }, parcel)?.price;
    expect(await quote("35.74")).toBe(8000 + 2 * 5000);
    expect(await quote("35.13")).toBe(12000 + 2 * 8000);

    expect(await saveShippingRate(database.db, { ...actor(a), id: eastJava, rate: rate({ firstKg: 13000 }) })).toEqual({ ok: true, id: eastJava });
    expect(await quote("35.13")).toBe(13000 + 2 * 8000);
    const saved = await auditsOf(a, "delivery.rate_saved");
    expect(saved).toHaveLength(3);
    expect(saved[2]).toMatchObject({ entityType: "shipping_rate", entityId: eastJava, before: { firstKg: 12000 }, after: { firstKg: 13000, provinceCode: "35", regencyCode: null } });

    if (!probolinggo.ok) return;
    expect(await deleteShippingRate(database.db, { ...actor(a), id: probolinggo.id })).toEqual({ ok: true });
    expect(await quote("35.74")).toBe(13000 + 2 * 8000);
    expect(await auditsOf(a, "delivery.rate_deleted")).toMatchObject([{ entityId: probolinggo.id, before: { regencyCode: "35.74", firstKg: 8000 }, after: null }]);
  });

  it("refuses a second row for the same area, an area that does not exist, and an unknown id", async () => {
    expect(await saveShippingRate(database.db, { ...actor(a), rate: rate({ firstKg: 1 }) })).toEqual({ ok: false, error: "duplicate_area" });
    expect(await saveShippingRate(database.db, { ...actor(a), rate: rate({ provinceCode: "99" }) })).toEqual({ ok: false, error: "unknown_area" });
    // Kota Bandung is in Jawa Barat, not Jawa Timur.
    expect(await saveShippingRate(database.db, { ...actor(a), rate: rate({ regencyCode: "32.73" }) })).toEqual({ ok: false, error: "unknown_area" });
    expect(await saveShippingRate(database.db, { ...actor(a), id: "not-a-uuid", rate: rate() })).toEqual({ ok: false, error: "not_found" });
    expect(await deleteShippingRate(database.db, { ...actor(a), id: "00000000-0000-4000-8000-000000000000" })).toEqual({ ok: false, error: "not_found" });
    expect((await getDeliverySettings(database.db, a))!.rates.find((row) => row.id === eastJava)).toMatchObject({ firstKg: 13000 });
  });

  it("another cooperative can neither change nor delete a rate of this one", async () => {
    const before = await database.db.select().from(shippingRates).where(eq(shippingRates.cooperativeId, a));
    expect(await saveShippingRate(database.db, { ...actor(b), id: eastJava, rate: rate({ firstKg: 1 }) })).toEqual({ ok: false, error: "not_found" });
    expect(await deleteShippingRate(database.db, { ...actor(b), id: eastJava })).toEqual({ ok: false, error: "not_found" });
    expect(await database.db.select().from(shippingRates).where(eq(shippingRates.cooperativeId, a))).toEqual(before);
    expect((await getDeliverySettings(database.db, b))!.rates).toEqual([]);
    expect(await auditsOf(b, "delivery.rate_saved")).toEqual([]);
  });
});

describe("the delivery settings page", () => {
  const post = (fields: Record<string, string>) =>
    deliveryAction({
      request: new Request("http://a.test/admin/settings/delivery", { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: cookie } }),
      context: { db: database.db, mediaRoot: database.mediaRoot, clientIp: "203.0.113.9" },
      params: {},
    }) as Promise<unknown>;
  const outcome = (answer: unknown) =>
    answer instanceof Response
      ? { status: answer.status, location: answer.headers.get("Location") }
      : { status: (answer as { init?: { status?: number } }).init?.status, errors: (answer as { data?: { errors?: Record<string, string> } }).data?.errors };
  const bali = { intent: "rate", provinceCode: "51", regencyCode: "", firstKg: "30.000", nextKg: "20.000", etaDaysMin: "2", etaDaysMax: "5" };
  const baliRows = async () => (await getDeliverySettings(database.db, a))!.rates.filter((row) => row.provinceCode === "51");

  it("adds one rate for a form sent twice (a double tap), and refuses the second add of the same area", async () => {
    const token = newFormToken();
    const [first, second] = await Promise.all([post({ ...bali, [FORM_TOKEN_FIELD]: token }), post({ ...bali, [FORM_TOKEN_FIELD]: token })]);
    expect(outcome(first)).toEqual({ status: 302, location: "/admin/settings/delivery?saved=rate" });
    expect(outcome(second)).toEqual(outcome(first));
    expect(await baliRows()).toHaveLength(1);
    expect(outcome(await post({ ...bali, [FORM_TOKEN_FIELD]: newFormToken() }))).toEqual({ status: 409, errors: { provinceCode: "deliverySettings.error.duplicateArea" } });
    expect(outcome(await post(bali))).toEqual({ status: 400, errors: { form: "form.error.expired" } });
  });

  it("answers bad input with a 4xx naming the field, and writes nothing", async () => {
    const audits = (await auditsOf(a, "delivery.rate_saved")).length;
    expect(outcome(await post({ ...bali, provinceCode: "52", firstKg: "tiga puluh", [FORM_TOKEN_FIELD]: newFormToken() }))).toEqual({
      status: 422,
      errors: { firstKg: "deliverySettings.error.price" },
    });
    expect(outcome(await post({ ...bali, id: "'; drop table shipping_rates; --" }))).toEqual({ status: 404, errors: { form: "deliverySettings.error.notFound" } });
    expect(outcome(await post({ intent: "delete", id: "nope" }))).toEqual({ status: 404, errors: { form: "deliverySettings.error.notFound" } });
    expect(outcome(await post({ intent: "options", localDelivery: "on", localDeliveryFee: "", localDeliveryArea: "" }))).toMatchObject({ status: 422 });
    expect(outcome(await post({ intent: "nothing" }))).toEqual({ status: 400, errors: { form: "error.badRequest.body" } });
    expect(await auditsOf(a, "delivery.rate_saved")).toHaveLength(audits);
  });

  it("changes and deletes a rate by its id", async () => {
    const [row] = await baliRows();
    expect(outcome(await post({ ...bali, id: row!.id, firstKg: "31.000" }))).toEqual({ status: 302, location: "/admin/settings/delivery?saved=rate" });
    expect((await baliRows())[0]).toMatchObject({ firstKg: 31000 });
    expect(outcome(await post({ intent: "delete", id: row!.id }))).toEqual({ status: 302, location: "/admin/settings/delivery?saved=deleted" });
    expect(await baliRows()).toEqual([]);
  });
});

describe("seeding delivery with the demo's write path", () => {
  it("writes pickup, local delivery and the rate rows when the content has them", async () => {
    const content = cooperativeContent("kopwan-kirim", { hosts: ["kirim.test"], categories: [category({ slug: "keripik" })], members: [], products: [] });
    const id = await seedCooperative(database.db, database.mediaRoot, {
      ...content,
      delivery: {
        pickupEnabled: false,
        localDeliveryFee: 15000,
        localDeliveryArea: "Kota Batu",
        rates: [{ provinceCode: "35", regencyCode: null, firstKg: 10000, nextKg: 6000, etaDaysMin: 1, etaDaysMax: 2 }],
      },
    });
    const options = await deliveryOptions(database.db, id);
    expect(options).toMatchObject({ pickupEnabled: false, localDeliveryFee: 15000, localDeliveryArea: "Kota Batu" });
    expect(options.rates).toEqual([{ provinceCode: "35", regencyCode: null, firstKg: 10000, nextKg: 6000, etaDaysMin: 1, etaDaysMax: 2 }]);
  });
});
