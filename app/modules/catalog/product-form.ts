import { z } from "zod";
import { normalizeHalalCertificate, normalizeRegistrationNumber } from "./label-numbers";

/**
 * The member's product form (first version: one variant; photos are checked separately). Messages are
 * message keys. Food listings must carry a registration number and a halal certificate number (PP 42/2024).
 */
const text = (min: number, max: number, key: string) => z.string({ error: key }).trim().min(min, key).max(max, key);
const optionalText = (max: number) => z.string().trim().max(max, "member.error.tooLong").default("");
const whole = (min: number, max: number, key: string) => z.coerce.number({ error: key }).int(key).min(min, key).max(max, key);

export const productFormSchema = z
  .object({
    categoryId: z.string().uuid("product.error.category"),
    nameId: text(3, 100, "product.error.name"),
    nameEn: optionalText(100),
    descriptionId: text(10, 3000, "product.error.description"),
    descriptionEn: optionalText(3000),
    price: whole(500, 100_000_000, "product.error.price"),
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
  })
  .transform((value, context) => {
    const registrationNumber = normalizeRegistrationNumber(value.registrationType, value.registrationNumber);
    if (registrationNumber === null) context.addIssue({ code: "custom", path: ["registrationNumber"], message: "product.error.registrationNumber" });
    const halal = value.halalCertificateNumber ? normalizeHalalCertificate(value.halalCertificateNumber) : "";
    if (halal === null) context.addIssue({ code: "custom", path: ["halalCertificateNumber"], message: "product.error.halal" });
    return { ...value, registrationNumber: registrationNumber || null, halalCertificateNumber: halal || null };
  });

export type ProductForm = z.infer<typeof productFormSchema>;

/** Label facts a food listing needs before a curator looks at it; crafts need their material. */
export function missingForKind(form: ProductForm, kind: "food" | "craft"): Record<string, string> {
  const missing: Record<string, string> = {};
  if (kind === "food") {
    if (form.registrationType === "none") missing.registrationType = "product.error.registrationRequired";
    if (!form.halalCertificateNumber) missing.halalCertificateNumber = "product.error.halalRequired";
    if (!form.netQuantity) missing.netQuantity = "product.error.netQuantity";
    if (!form.ingredientsId) missing.ingredientsId = "product.error.ingredients";
    if (!form.shelfLifeDays) missing.shelfLifeDays = "product.error.shelfLife";
  } else if (!form.materialId) {
    missing.materialId = "product.error.material";
  }
  return missing;
}

export const EXTRA_VARIANT_ROWS = 3;

export interface VariantRow {
  variantId?: string;
  nameId: string;
  price: number;
}

/**
 * The variant rows of the form: the first row's price is the `price` field (its name optional when the
 * product is sold in one form); up to three more rows each need a name and a price. A row left empty is
 * ignored. `variantId_N` carries an existing SKU through an edit.
 */
export function readVariantRows(values: Record<string, string | undefined>, firstPrice: number): { rows: VariantRow[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const rows: VariantRow[] = [{ variantId: values.variantId_0 || undefined, nameId: (values.variantName_0 ?? "").trim().slice(0, 60), price: firstPrice }];
  for (let index = 1; index <= EXTRA_VARIANT_ROWS; index++) {
    const name = (values[`variantName_${index}`] ?? "").trim();
    const rawPrice = (values[`variantPrice_${index}`] ?? "").trim();
    if (!name && !rawPrice) continue;
    const price = Number(rawPrice);
    if (!name || name.length > 60) errors[`variantName_${index}`] = "product.error.variantName";
    if (!/^\d+$/.test(rawPrice) || price < 500 || price > 100_000_000) errors[`variantPrice_${index}`] = "product.error.price";
    rows.push({ variantId: values[`variantId_${index}`] || undefined, nameId: name.slice(0, 60), price });
  }
  if (rows.length > 1 && !rows[0]!.nameId) errors.variantName_0 = "product.error.variantName";
  return { rows, errors };
}
