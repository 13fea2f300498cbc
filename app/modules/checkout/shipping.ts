/**
 * Courier quotes from the cooperative's own rate table (DOMAIN.md: no courier API is reachable). Pure rules, so
 * the checkout page, the order flow and the tests all quote the same way.
 */

export interface Parcel {
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  quantity: number;
}

export interface ShippingRate {
  provinceCode: string;
  /** Null: the whole province. */
  regencyCode: string | null;
  firstKg: number;
  nextKg: number;
  etaDaysMin: number;
  etaDaysMax: number;
}

export interface Destination {
  provinceCode: string;
  regencyCode: string;
}

export interface CourierQuote {
  price: number;
  billableKg: number;
  etaDaysMin: number;
  etaDaysMax: number;
}

/** Couriers' volumetric divisor: length × width × height in cm³ per billable kilogram. */
export const VOLUMETRIC_DIVISOR_CM3 = 6000;

/**
 * What a courier bills for the whole shipment: the actual weight or the volumetric weight, whichever is more,
 * rounded up to whole kilograms, at least one. Integer arithmetic in grams and mm³ throughout.
 */
export function billableWeightKg(parcels: readonly Parcel[]): number {
  let grams = 0;
  let cubicMm = 0;
  for (const parcel of parcels) {
    grams += parcel.weightGrams * parcel.quantity;
    cubicMm += parcel.lengthMm * parcel.widthMm * parcel.heightMm * parcel.quantity;
  }
  // cm³ / 6000 kg = mm³ / 6,000,000 kg = mm³ / 6,000 g.
  const volumetricGrams = Math.ceil(cubicMm / VOLUMETRIC_DIVISOR_CM3);
  return Math.max(1, Math.ceil(Math.max(grams, volumetricGrams) / 1000));
}

/** The rate for a destination: its regency's own row if there is one, else its province's. */
export function rateFor(rates: readonly ShippingRate[], destination: Destination): ShippingRate | undefined {
  const inProvince = rates.filter((rate) => rate.provinceCode === destination.provinceCode);
  return inProvince.find((rate) => rate.regencyCode === destination.regencyCode) ?? inProvince.find((rate) => rate.regencyCode === null);
}

/** The price to send `parcels` to `destination`, or null where the cooperative does not ship. */
export function courierQuote(rates: readonly ShippingRate[], destination: Destination, parcels: readonly Parcel[]): CourierQuote | null {
  const rate = rateFor(rates, destination);
  if (!rate) return null;
  const billableKg = billableWeightKg(parcels);
  return {
    price: rate.firstKg + rate.nextKg * (billableKg - 1),
    billableKg,
    etaDaysMin: rate.etaDaysMin,
    etaDaysMax: rate.etaDaysMax,
  };
}
