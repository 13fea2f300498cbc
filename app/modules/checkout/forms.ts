import { z } from "zod";
import { uuidPattern } from "~/lib/ids";
import { normalizeIndonesianPhone } from "~/lib/indonesia/phone";
import { MAX_LINE_QUANTITY } from "./limits";

const variantId = z.string().regex(uuidPattern, { error: "cart.error.unavailable" });
const quantity = z.coerce
  .number({ error: "cart.error.quantity" })
  .int({ error: "cart.error.quantity" })
  .min(0, { error: "cart.error.quantity" })
  .max(MAX_LINE_QUANTITY, { error: "cart.error.quantity" });

/** The cart page's and the product page's forms. */
export const cartFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("add"),
    variantId,
    quantity: quantity.min(1, { error: "cart.error.quantity" }).default(1),
    buyNow: z.string().optional(),
    /** `cart`: a browser without scripts, shown the cart next (post, then redirect, so its new cookie is read). */
    then: z.literal("cart").optional(),
  }),
  z.object({ intent: z.literal("set"), variantId, quantity }),
  z.object({ intent: z.literal("remove"), variantId }),
]);

const text = (max: number, error: string) => z.string({ error }).trim().max(max, { error });
const required = (max: number, error: string) => text(max, error).min(1, { error });

/** Checkout's form: contact, delivery, note, payment. Area codes are checked against the official list by the flow. */
export const checkoutFormSchema = z
  .object({
    name: required(120, "checkout.error.name"),
    email: z.email({ error: "checkout.error.email" }).max(254, { error: "checkout.error.email" }).transform((value) => value.toLowerCase()),
    phone: z.string({ error: "checkout.error.phone" }).transform((value, context) => {
      const phone = normalizeIndonesianPhone(value);
      if (!phone) context.addIssue({ code: "custom", message: "checkout.error.phone" });
      return phone ?? "";
    }),
    deliveryMethod: z.enum(["courier", "local", "pickup"], { error: "checkout.error.delivery" }),
    provinceCode: text(20, "checkout.error.area").default(""),
    regencyCode: text(20, "checkout.error.area").default(""),
    districtCode: text(20, "checkout.error.area").default(""),
    villageCode: text(20, "checkout.error.area").default(""),
    postalCode: text(5, "checkout.error.postalCode").default(""),
    street: text(300, "checkout.error.street").default(""),
    placeName: text(120, "checkout.error.placeName").default(""),
    note: text(500, "checkout.error.note").default(""),
    provider: z.enum(["midtrans", "stripe", "manual"], { error: "checkout.error.provider" }),
    expectedTotal: z.coerce.number().int().nonnegative().optional(),
    terms: z.literal("on", { error: "checkout.error.terms" }),
  })
  .superRefine((form, context) => {
    if (form.deliveryMethod === "courier") {
      if (!/^\d{5}$/.test(form.postalCode)) context.addIssue({ code: "custom", path: ["postalCode"], message: "checkout.error.postalCode" });
      if (form.street.length < 5) context.addIssue({ code: "custom", path: ["street"], message: "checkout.error.street" });
      if (!form.villageCode) context.addIssue({ code: "custom", path: ["villageCode"], message: "checkout.error.area" });
    }
    if (form.deliveryMethod === "local" && form.placeName.length < 2) {
      context.addIssue({ code: "custom", path: ["placeName"], message: "checkout.error.placeName" });
    }
  });

export type CheckoutForm = z.infer<typeof checkoutFormSchema>;
