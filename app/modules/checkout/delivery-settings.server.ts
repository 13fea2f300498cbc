import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "~db/client";
import { cooperatives, shippingRates } from "~db/schema";
import { changedFields } from "~/lib/changes";
import { uuidPattern } from "~/lib/ids";
import { listProvinces, listRegencies } from "~/lib/indonesia/areas.server";
import { parseRupiah } from "~/lib/money";
import { recordAudit } from "~/modules/audit/audit.server";
import type { ShippingRate } from "./shipping";

/**
 * How a cooperative delivers, as its manager sets it: pickup at the outlet, delivery to hotels and homestays
 * in town at a flat fee, and the courier rate table checkout quotes from (./shipping.ts). Every change is
 * audited: `delivery.settings_saved`, `delivery.rate_saved`, `delivery.rate_deleted`.
 */

export const MAX_LOCAL_DELIVERY_FEE = 1_000_000;
export const MAX_RATE = 10_000_000;
export const MAX_ETA_DAYS = 60;

export interface DeliverySettings {
  pickupEnabled: boolean;
  /** Null: no delivery to hotels in town. */
  localDeliveryFee: number | null;
  localDeliveryArea: string;
}

export type StoredShippingRate = typeof shippingRates.$inferSelect;

const onOff = z.preprocess((value) => value === "on" || value === "true", z.boolean());
/** Whole rupiah as typed ("15.000", "Rp 15.000"); anything else is the field's message. */
const rupiahText = (max: number, key: string) =>
  z
    .string({ error: key })
    .transform((value) => parseRupiah(value) ?? -1)
    .pipe(z.number().min(0, key).max(max, key));
const days = z.coerce.number({ error: "deliverySettings.error.eta" }).int("deliverySettings.error.eta").min(0, "deliverySettings.error.eta").max(MAX_ETA_DAYS, "deliverySettings.error.eta");

/** The pickup and local delivery form; messages are message keys. Local delivery on needs a fee and an area. */
export const deliverySettingsSchema = z
  .object({
    pickupEnabled: onOff,
    localDelivery: onOff,
    localDeliveryFee: z.string().default(""),
    localDeliveryArea: z.string().trim().max(120, "deliverySettings.error.area").default(""),
  })
  .transform(({ pickupEnabled, localDelivery, localDeliveryFee, localDeliveryArea }, context): DeliverySettings => {
    const fee = parseRupiah(localDeliveryFee);
    if (localDelivery && (fee === null || fee > MAX_LOCAL_DELIVERY_FEE)) {
      context.addIssue({ code: "custom", path: ["localDeliveryFee"], message: "deliverySettings.error.fee" });
    }
    if (localDelivery && localDeliveryArea.length < 3) context.addIssue({ code: "custom", path: ["localDeliveryArea"], message: "deliverySettings.error.area" });
    return { pickupEnabled, localDeliveryFee: localDelivery ? (fee ?? 0) : null, localDeliveryArea };
  });

/** One row of the courier rate table, as the form sends it. An empty regency: the whole province. */
export const shippingRateSchema = z
  .object({
    provinceCode: z.string({ error: "deliverySettings.error.province" }).regex(/^\d{2}$/, "deliverySettings.error.province"),
    regencyCode: z
      .string()
      .default("")
      .refine((code) => code === "" || /^\d{2}\.\d{2}$/.test(code), "deliverySettings.error.regency")
      .transform((code) => code || null),
    firstKg: rupiahText(MAX_RATE, "deliverySettings.error.price"),
    nextKg: rupiahText(MAX_RATE, "deliverySettings.error.price"),
    etaDaysMin: days,
    etaDaysMax: days,
  })
  .refine((rate) => rate.etaDaysMax >= rate.etaDaysMin, { path: ["etaDaysMax"], message: "deliverySettings.error.eta" });
export type ShippingRateForm = z.infer<typeof shippingRateSchema>;

const settingsColumns = {
  pickupEnabled: cooperatives.pickupEnabled,
  localDeliveryFee: cooperatives.localDeliveryFee,
  localDeliveryArea: cooperatives.localDeliveryArea,
};

export async function getDeliverySettings(db: Db, cooperativeId: string): Promise<{ settings: DeliverySettings; rates: StoredShippingRate[] } | undefined> {
  const [[settings], rates] = await Promise.all([
    db.select(settingsColumns).from(cooperatives).where(eq(cooperatives.id, cooperativeId)),
    db
      .select()
      .from(shippingRates)
      .where(eq(shippingRates.cooperativeId, cooperativeId))
      .orderBy(asc(shippingRates.provinceCode), sql`${shippingRates.regencyCode} nulls first`),
  ]);
  return settings ? { settings, rates } : undefined;
}

interface Actor {
  cooperativeId: string;
  actorUserId: string;
  ipAddress?: string;
}

/** Saves pickup and local delivery, auditing the fields that changed (before and after); unchanged: nothing written. */
export async function saveDeliverySettings(db: Db, input: Actor & { settings: DeliverySettings }): Promise<{ changed: (keyof DeliverySettings)[] }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select(settingsColumns).from(cooperatives).where(eq(cooperatives.id, input.cooperativeId)).for("update");
    const diff = current ? changedFields<DeliverySettings>(current, input.settings) : undefined;
    if (!diff?.changed.length) return { changed: [] };
    await tx.update(cooperatives).set({ ...diff.after, updatedAt: sql`now()` }).where(eq(cooperatives.id, input.cooperativeId));
    await audit(tx, input, "delivery.settings_saved", { type: "cooperative", id: input.cooperativeId }, diff.before, diff.after);
    return { changed: diff.changed };
  });
}

export type ShippingRateError = "unknown_area" | "duplicate_area" | "not_found";

/** Whether the codes are a province and, if given, one of its regencies (official codes). */
async function knownArea(provinceCode: string, regencyCode: string | null): Promise<boolean> {
  if (!(await listProvinces()).some((province) => province.code === provinceCode)) return false;
  return regencyCode === null || (await listRegencies(provinceCode)).some((regency) => regency.code === regencyCode);
}

const rateView = (rate: ShippingRateForm | ShippingRate) => ({
  provinceCode: rate.provinceCode,
  regencyCode: rate.regencyCode,
  firstKg: rate.firstKg,
  nextKg: rate.nextKg,
  etaDaysMin: rate.etaDaysMin,
  etaDaysMax: rate.etaDaysMax,
});

/**
 * Adds a rate (no `id`) or changes one of this cooperative's (`id`). One row per area: a second row for the
 * same province (or the same regency) is refused, as the table's unique key would.
 */
export async function saveShippingRate(
  db: Db,
  input: Actor & { id?: string; rate: ShippingRateForm },
): Promise<{ ok: true; id: string } | { ok: false; error: ShippingRateError }> {
  if (input.id !== undefined && !uuidPattern.test(input.id)) return { ok: false, error: "not_found" };
  if (!(await knownArea(input.rate.provinceCode, input.rate.regencyCode))) return { ok: false, error: "unknown_area" };
  return db.transaction(async (tx) => {
    const sameArea = and(
      eq(shippingRates.cooperativeId, input.cooperativeId),
      eq(shippingRates.provinceCode, input.rate.provinceCode),
      sql`${shippingRates.regencyCode} is not distinct from ${input.rate.regencyCode}`,
      input.id ? ne(shippingRates.id, input.id) : undefined,
    );
    // Rows of one cooperative are changed one at a time, so two managers cannot both add the same area.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`shipping_rates:${input.cooperativeId}`}, 0))`);
    const [clash] = await tx.select({ id: shippingRates.id }).from(shippingRates).where(sameArea).limit(1);
    if (clash) return { ok: false as const, error: "duplicate_area" as const };
    const values = { ...rateView(input.rate), updatedAt: sql`now()` };
    if (!input.id) {
      const [created] = await tx
        .insert(shippingRates)
        .values({ cooperativeId: input.cooperativeId, ...values })
        .returning({ id: shippingRates.id });
      await audit(tx, input, "delivery.rate_saved", rateEntity(created!.id), null, rateView(input.rate));
      return { ok: true as const, id: created!.id };
    }
    const own = and(eq(shippingRates.cooperativeId, input.cooperativeId), eq(shippingRates.id, input.id));
    const [current] = await tx.select().from(shippingRates).where(own).for("update");
    if (!current) return { ok: false as const, error: "not_found" as const };
    await tx.update(shippingRates).set(values).where(own);
    await audit(tx, input, "delivery.rate_saved", rateEntity(input.id), rateView(current), rateView(input.rate));
    return { ok: true as const, id: input.id };
  });
}

/** Removes one of this cooperative's rates; checkout stops offering couriers to its area at once. */
export async function deleteShippingRate(db: Db, input: Actor & { id: string }): Promise<{ ok: true } | { ok: false; error: "not_found" }> {
  if (!uuidPattern.test(input.id)) return { ok: false, error: "not_found" };
  return db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(shippingRates)
      .where(and(eq(shippingRates.cooperativeId, input.cooperativeId), eq(shippingRates.id, input.id)))
      .returning();
    if (!deleted) return { ok: false as const, error: "not_found" as const };
    await audit(tx, input, "delivery.rate_deleted", rateEntity(input.id), rateView(deleted), null);
    return { ok: true as const };
  });
}

const rateEntity = (id: string) => ({ type: "shipping_rate", id });

function audit(db: Db, input: Actor, action: string, entity: { type: string; id: string }, before: object | null, after: object | null) {
  return recordAudit(db, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.actorUserId,
    action,
    entityType: entity.type,
    entityId: entity.id,
    before,
    after,
    ipAddress: input.ipAddress,
  });
}
