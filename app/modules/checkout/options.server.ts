import { asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperatives, shippingRates } from "~db/schema";
import type { ShippingRate } from "./shipping";

/** How a cooperative delivers and how long shoppers have to pay: what checkout offers. */
export interface DeliveryOptions {
  pickupEnabled: boolean;
  /** Null: no delivery to hotels in town. */
  localDeliveryFee: number | null;
  localDeliveryArea: string;
  address: string;
  /** The cooperative's province, for its time zone. */
  province: string;
  rates: ShippingRate[];
  orderExpiryHours: number;
}

export async function deliveryOptions(db: Db, cooperativeId: string): Promise<DeliveryOptions> {
  const [[cooperative], rates] = await Promise.all([
    db
      .select({
        pickupEnabled: cooperatives.pickupEnabled,
        localDeliveryFee: cooperatives.localDeliveryFee,
        localDeliveryArea: cooperatives.localDeliveryArea,
        address: cooperatives.address,
        province: cooperatives.province,
        orderExpiryHours: cooperatives.orderExpiryHours,
      })
      .from(cooperatives)
      .where(eq(cooperatives.id, cooperativeId)),
    db
      .select({
        provinceCode: shippingRates.provinceCode,
        regencyCode: shippingRates.regencyCode,
        firstKg: shippingRates.firstKg,
        nextKg: shippingRates.nextKg,
        etaDaysMin: shippingRates.etaDaysMin,
        etaDaysMax: shippingRates.etaDaysMax,
      })
      .from(shippingRates)
      .where(eq(shippingRates.cooperativeId, cooperativeId))
      .orderBy(asc(shippingRates.provinceCode), asc(shippingRates.regencyCode)),
  ]);
  if (!cooperative) throw new Error(`No cooperative ${cooperativeId}`);
  return { ...cooperative, rates };
}
