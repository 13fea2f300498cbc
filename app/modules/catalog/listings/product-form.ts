import { z } from "zod";
import { parseRupiah } from "~/lib/money";
import { normalizeHalalCertificate, normalizeRegistrationNumber } from "./label-numbers";
import { MAX_PRICE, MAX_VARIANTS, MIN_PRICE } from "./listing-limits";

/**
 * The member's product form (first version: one variant; photos are checked separately). Messages are
 * message keys. Food listings must carry a registration number and a halal certificate number (PP 42/2024).
 */
const text = (min: number, max: number, key: string) => z.string({ error: key }).trim().min(min, key).max(max, key);
const optionalText = (max: number) => z.string().trim().max(max, "member.error.tooLong").default("");
const whole = (min: number, max: number, key: string) => z.coerce.number({ error: key }).int(key).min(min, key).max(max, key);
/** A price as typed ("21.000", "Rp 21.000"), in whole rupiah within the shop's range. */
const rupiah = (key: string) =>
  z.string({ error: key }).transform((value, context) => {
    const amount = parseRupiah(value);
    if (amount === null || amount < MIN_PRICE || amount > MAX_PRICE) {
      context.addIssue({ code: "custom", message: key });
      return z.NEVER;
    }
    return amount;
  });

export const productFormSchema = z
  .object({
    categoryId: z.string().uuid("product.error.category"),
    nameId: text(3, 100, "product.error.name"),
    nameEn: optionalText(100),
    descriptionId: text(10, 3000, "product.error.description"),
    descriptionEn: optionalText(3000),
    price: rupiah("product.error.price"),
    // Only the new-product form asks for starting stock; later, stock moves with a reason.
    stock: z.preprocess((value) => (value === undefined || value === "" ? 0 : value), whole(0, 100_000, "product.error.stock")),
    weightGrams: whole(1, 100_000, "product.error.weight"),
    lengthCm: whole(1, 500, "product.error.size"),
    widthCm: whole(1, 500, "product.error.size"),
    heightCm: whole(1, 500, "product.error.size"),
    netQuantity: optionalText(40),
    ingredientsId: optionalText(1000),
    allergensId: optionalText(300),
    storageId: optionalText(300),
    registrationType: z.enum(["pirt", "bpom_md", "bpom_ml", "none"], { error: "product.error.registrationType" }),
    registrationNumber: optionalText(60),
    halalCertificateNumber: optionalText(40),
    shelfLifeDays: z.union([z.literal("").transform(() => null), whole(1, 3650, "product.error.shelfLife")]).default(null),
    materialId: optionalText(300),
    sizeText: optionalText(100),
    careId: optionalText(300),
    producerAddress: optionalText(300),
    ingredientsEn: optionalText(1000),
    allergensEn: optionalText(300),
    storageEn: optionalText(300),
    materialEn: optionalText(300),
    careEn: optionalText(300),
  })
  .transform((value, context) => {
    const registrationNumber = normalizeRegistrationNumber(value.registrationType, value.registrationNumber);
    if (registrationNumber === null) context.addIssue({ code: "custom", path: ["registrationNumber"], message: "product.error.registrationNumber" });
    const halal = value.halalCertificateNumber ? normalizeHalalCertificate(value.halalCertificateNumber) : "";
    if (halal === null) context.addIssue({ code: "custom", path: ["halalCertificateNumber"], message: "product.error.halal" });
    return { ...value, registrationNumber: registrationNumber || null, halalCertificateNumber: halal || null };
  });

export type ProductForm = z.infer<typeof productFormSchema>;

/** The label fields only a food listing has, and those only a craft has; the form shows one set by the category. */
export const foodOnlyFields = [
  "netQuantity",
  "ingredientsId",
  "ingredientsEn",
  "allergensId",
  "allergensEn",
  "storageId",
  "storageEn",
  "registrationType",
  "registrationNumber",
  "halalCertificateNumber",
  "shelfLifeDays",
] as const;
export const craftOnlyFields = ["materialId", "materialEn", "sizeText", "careId", "careEn"] as const;

/**
 * The form's values with the other kind's fields emptied (a craft has no registration number, a food no care
 * instructions): what the page hid is neither checked nor stored, whatever a stale or hand-made post carries.
 */
export function keepFieldsOfKind(values: Record<string, string>, kind: "food" | "craft" | undefined): Record<string, string> {
  if (!kind) return values;
  const dropped = kind === "food" ? craftOnlyFields : foodOnlyFields;
  const kept = { ...values };
  for (const field of dropped) kept[field] = "";
  if (kind === "craft") kept.registrationType = "none";
  return kept;
}

/** Label facts a food listing needs before a curator looks at it (BPOM: who made it and where); crafts need their material. */
export function missingForKind(form: ProductForm, kind: "food" | "craft"): Record<string, string> {
  const missing: Record<string, string> = {};
  if (kind === "food") {
    if (form.registrationType === "none") missing.registrationType = "product.error.registrationRequired";
    if (!form.halalCertificateNumber) missing.halalCertificateNumber = "product.error.halalRequired";
    if (!form.netQuantity) missing.netQuantity = "product.error.netQuantity";
    if (!form.ingredientsId) missing.ingredientsId = "product.error.ingredients";
    if (!form.shelfLifeDays) missing.shelfLifeDays = "product.error.shelfLife";
    if (!form.producerAddress) missing.producerAddress = "product.error.producerAddress";
  } else if (!form.materialId) {
    missing.materialId = "product.error.material";
  }
  return missing;
}


export interface VariantRow {
  variantId?: string;
  nameId: string;
  /** The name in English, optional ("" shows the Indonesian one). */
  nameEn: string;
  price: number;
  /** Starting stock (the new-product form only; later, stock moves with a reason). */
  stock: number;
}

const MAX_STOCK = 100_000;

/**
 * The variant rows of the form: the first row's price and stock are the `price` and `stock` fields (its
 * name optional when the product is sold in one form); up to seven more rows each need a name and a
 * price, and names must differ. A row left empty is ignored. `variantId_N` carries an existing SKU
 * through an edit.
 */
export function readVariantRows(values: Record<string, string | undefined>, first: { price: number; stock: number }): { rows: VariantRow[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const nameEn = (index: number) => (values[`variantNameEn_${index}`] ?? "").trim().slice(0, 60);
  const rows: VariantRow[] = [
    { variantId: values.variantId_0 || undefined, nameId: (values.variantName_0 ?? "").trim().slice(0, 60), nameEn: nameEn(0), price: first.price, stock: first.stock },
  ];
  const seen = new Map<string, number>([[rows[0]!.nameId.toLowerCase(), 0]]);
  for (let index = 1; index < MAX_VARIANTS; index++) {
    const name = (values[`variantName_${index}`] ?? "").trim();
    const rawPrice = (values[`variantPrice_${index}`] ?? "").trim();
    const rawStock = (values[`variantStock_${index}`] ?? "").trim();
    if (!name && !rawPrice && !rawStock) continue;
    const price = parseRupiah(rawPrice);
    const stock = rawStock === "" ? 0 : Number(rawStock);
    if (!name || name.length > 60) errors[`variantName_${index}`] = "product.error.variantName";
    else if (seen.has(name.toLowerCase())) errors[`variantName_${index}`] = "product.error.variantDuplicate";
    seen.set(name.toLowerCase(), index);
    if (price === null || price < MIN_PRICE || price > MAX_PRICE) errors[`variantPrice_${index}`] = "product.error.price";
    if (!/^\d{1,6}$/.test(rawStock || "0") || stock > MAX_STOCK) errors[`variantStock_${index}`] = "product.error.stock";
    rows.push({ variantId: values[`variantId_${index}`] || undefined, nameId: name.slice(0, 60), nameEn: nameEn(index), price: price ?? 0, stock });
  }
  if (rows.length > 1 && !rows[0]!.nameId) errors.variantName_0 = "product.error.variantName";
  return { rows, errors };
}
