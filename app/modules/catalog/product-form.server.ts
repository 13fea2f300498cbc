import type { Db } from "~db/client";
import { storeImage } from "~/modules/media/store.server";
import { checkImage, fileBytes } from "~/modules/media/upload.server";
import { fieldErrors, formValues } from "~/lib/forms.server";
import type { DraftContent, DraftImage } from "./listings.server";
import { missingForKind, productFormSchema, readVariantRows, type ProductForm, type VariantRow } from "./product-form";

export const photoFields = [
  ["photo_product", "product"],
  ["photo_packaging_front", "packaging_front"],
  ["photo_label_back", "label_back"],
] as const;

export type ReadProductForm =
  | { ok: true; form: ProductForm; variants: VariantRow[]; photos: { role: DraftImage["role"]; bytes: Buffer }[] }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Reads and checks the product form: fields, label rules for the category's kind, and each uploaded
 * photo by its bytes. A photo is required unless `existingRoles` already has one for its role. Every
 * problem is reported at once; nothing is stored here.
 */
export async function readProductForm(
  formData: FormData,
  categories: { id: string; kind: "food" | "craft" }[],
  existingRoles: ReadonlySet<string> = new Set(),
): Promise<ReadProductForm> {
  const values = formValues(formData);
  const parsed = productFormSchema.safeParse(values);
  const category = parsed.success ? categories.find((c) => c.id === parsed.data.categoryId) : undefined;
  const errors: Record<string, string> = parsed.success
    ? category
      ? missingForKind(parsed.data, category.kind)
      : { categoryId: "product.error.category" }
    : fieldErrors(parsed.error);
  const variants = readVariantRows(values, parsed.success ? parsed.data.price : 0);
  Object.assign(errors, variants.errors);
  const photos: { role: DraftImage["role"]; bytes: Buffer }[] = [];
  for (const [field, role] of photoFields) {
    const bytes = await fileBytes(formData.get(field));
    if (!bytes) {
      if (!existingRoles.has(role)) errors[field] = "product.error.photoRequired";
      continue;
    }
    const checked = await checkImage(bytes);
    if (!checked.ok) errors[field] = checked.error;
    else photos.push({ role, bytes });
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, form: parsed.data, variants: variants.rows, photos };
}

/** The version fields from a checked form (sizes typed in cm are stored in mm). */
export function draftContent(form: ProductForm): DraftContent {
  return {
    categoryId: form.categoryId,
    nameId: form.nameId,
    nameEn: form.nameEn,
    descriptionId: form.descriptionId,
    descriptionEn: form.descriptionEn,
    weightGrams: form.weightGrams,
    lengthMm: form.lengthCm * 10,
    widthMm: form.widthCm * 10,
    heightMm: form.heightCm * 10,
    netQuantity: form.netQuantity,
    ingredientsId: form.ingredientsId,
    allergensId: form.allergensId,
    storageId: form.storageId,
    registrationType: form.registrationType,
    registrationNumber: form.registrationNumber,
    halalCertificateNumber: form.halalCertificateNumber,
    shelfLifeDays: form.shelfLifeDays,
    materialId: form.materialId,
    sizeText: form.sizeText,
    careId: form.careId,
    producerAddress: "",
  };
}

/** Stores the uploaded photos; returns the version's images with unchanged roles kept. */
export async function storePhotos(
  db: Db,
  mediaRoot: string,
  cooperativeId: string,
  photos: { role: DraftImage["role"]; bytes: Buffer }[],
  existing: DraftImage[] = [],
): Promise<DraftImage[]> {
  const replaced = new Map<string, DraftImage>();
  for (const photo of photos) replaced.set(photo.role, { role: photo.role, assetId: await storeImage(db, mediaRoot, cooperativeId, photo.bytes) });
  const kept = existing.filter((image) => !replaced.has(image.role));
  const order = ["product", "packaging_front", "label_back", "other"];
  return [...kept, ...replaced.values()].sort((x, y) => order.indexOf(x.role) - order.indexOf(y.role));
}
