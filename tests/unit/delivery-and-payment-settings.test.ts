import { describe, expect, it } from "vitest";
import { demoContent } from "~db/seed/demo-content";
import { fieldErrors } from "~/lib/forms.server";
import { listProvinces, listRegencies } from "~/lib/indonesia/areas.server";
import { deliverySettingsSchema, shippingRateSchema } from "~/modules/checkout/delivery-settings.server";
import { courierQuote } from "~/modules/checkout/shipping";
import { maskSecret } from "~/modules/payments/accounts.server";

describe("masked hints of provider keys", () => {
  it("keep the key's kind and its last four characters only", () => {
    expect(maskSecret("SB-Mid-server-GwUP_WGbJPXsDzsNEBRsAb12")).toBe("SB-Mid-server-••••Ab12");
    expect(maskSecret("Mid-client-7aQx0pLmNoPqRsTu")).toBe("Mid-client-••••RsTu");
    expect(maskSecret("sk_live_51HxAbCdEfGhIjKlMnOpQrSt")).toBe("sk_live_••••QrSt");
    expect(maskSecret("rk_test_51HxAbCdEfGhIjKlMnOpWxYz")).toBe("rk_test_••••WxYz");
    expect(maskSecret("whsec_0123456789abcdefghij")).toBe("whsec_••••ghij");
    // Too short to spare four characters: none shown.
    expect(maskSecret("sk_test_short")).toBe("sk_test_••••");
  });
});

describe("the pickup and local delivery form", () => {
  it("reads checkboxes and a fee as people type it", () => {
    expect(deliverySettingsSchema.parse({ pickupEnabled: "on", localDelivery: "on", localDeliveryFee: "Rp 15.000", localDeliveryArea: " Kota Batu " })).toEqual({
      pickupEnabled: true,
      localDeliveryFee: 15000,
      localDeliveryArea: "Kota Batu",
    });
    // Off: no fee, whatever was left in the field; the area is kept for next time.
    expect(deliverySettingsSchema.parse({ localDeliveryFee: "abc", localDeliveryArea: "Paiton" })).toEqual({ pickupEnabled: false, localDeliveryFee: null, localDeliveryArea: "Paiton" });
  });

  it("needs a fee and an area when local delivery is on, each named", () => {
    const result = deliverySettingsSchema.safeParse({ localDelivery: "on", localDeliveryFee: "15.000,50", localDeliveryArea: "" });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({ localDeliveryFee: "deliverySettings.error.fee", localDeliveryArea: "deliverySettings.error.area" });
    expect(deliverySettingsSchema.safeParse({ localDelivery: "on", localDeliveryFee: "2.000.000", localDeliveryArea: "Paiton" }).success).toBe(false);
  });
});

describe("the courier rate form", () => {
  it("reads a province-wide or a regency row in whole rupiah", () => {
    expect(shippingRateSchema.parse({ provinceCode: "35", regencyCode: "", firstKg: "12.000", nextKg: "8000", etaDaysMin: "1", etaDaysMax: "3" })).toEqual({
      provinceCode: "35",
      regencyCode: null,
      firstKg: 12000,
      nextKg: 8000,
      etaDaysMin: 1,
      etaDaysMax: 3,
    });
    expect(shippingRateSchema.parse({ provinceCode: "35", regencyCode: "35.13", firstKg: "0", nextKg: "0", etaDaysMin: "0", etaDaysMax: "0" }).regencyCode).toBe("35.13");
  });

  it("names every wrong field with a message key", () => {
    const result = shippingRateSchema.safeParse({ provinceCode: "Jawa", regencyCode: "35.13'--", firstKg: "-5", nextKg: "1,5", etaDaysMin: "x", etaDaysMax: "99" });
    expect(fieldErrors(result.error!)).toEqual({
      provinceCode: "deliverySettings.error.province",
      regencyCode: "deliverySettings.error.regency",
      firstKg: "deliverySettings.error.price",
      nextKg: "deliverySettings.error.price",
      etaDaysMin: "deliverySettings.error.eta",
      etaDaysMax: "deliverySettings.error.eta",
    });
    expect(fieldErrors(shippingRateSchema.safeParse({ provinceCode: "35", firstKg: "1", nextKg: "1", etaDaysMin: "5", etaDaysMax: "2" }).error!)).toEqual({
      etaDaysMax: "deliverySettings.error.eta",
    });
  });
});

describe("the demo cooperative's delivery", () => {
  const delivery = demoContent.delivery!;

  it("offers pickup and delivery in town for Rp 15.000", () => {
    expect(delivery).toMatchObject({ pickupEnabled: true, localDeliveryFee: 15000 });
    expect(delivery.localDeliveryArea).toMatch(/Paiton/);
  });

  it("has a province-wide rate for each of the 38 provinces, one row per area, with real regency codes", async () => {
    const provinces = await listProvinces();
    expect(provinces).toHaveLength(38);
    const provinceRows = delivery.rates.filter((rate) => rate.regencyCode === null).map((rate) => rate.provinceCode);
    expect([...provinceRows].sort()).toEqual(provinces.map((province) => province.code).sort());
    const areas = delivery.rates.map((rate) => `${rate.provinceCode}/${rate.regencyCode}`);
    expect(new Set(areas).size).toBe(areas.length);
    for (const rate of delivery.rates.filter((row) => row.regencyCode !== null)) {
      expect((await listRegencies(rate.provinceCode)).map((regency) => regency.code)).toContain(rate.regencyCode);
    }
  });

  it("is cheapest at home, then East Java, the rest of Java, and dearer across the sea", () => {
    const parcel = [{ weightGrams: 1500, lengthMm: 200, widthMm: 150, heightMm: 100, quantity: 1 }];
    const price = (provinceCode: string, regencyCode = "") => courierQuote(delivery.rates, { provinceCode, regencyCode }, parcel)!.price;
    const home = price("35", "35.13");
    const eastJava = price("35", "35.78"); // Kota Surabaya
    const jakarta = price("31");
    const bali = price("51");
    const makassar = price("73");
    const papua = price("91");
    expect(home).toBeLessThan(eastJava);
    expect(eastJava).toBeLessThan(jakarta);
    expect(jakarta).toBeLessThan(bali);
    expect(bali).toBeLessThan(makassar);
    expect(makassar).toBeLessThan(papua);
  });
});
