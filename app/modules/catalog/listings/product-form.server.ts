import type { Db } from "~db/client";
import { discardImages, storeImage } from "~/modules/media/store.server";
import { checkImage, fileBytes, mediaErrors } from "~/modules/media/image-check.server";
import { fieldErrors, formValues } from "~/lib/forms.server";
import type { DraftContent, DraftImage, DraftVariant } from "./listings.server";
import { skuStamp } from "./sku";
import { photoFieldName, planPhotos, readPhotoOrder, requiredPhotoRoles, type PlannedPhoto, type RequiredPhotoRole, type SavedPhoto } from "./photo-plan";
import { keepFieldsOfKind, missingForKind, productFormSchema, readVariantRows, type ProductForm, type VariantRow } from "./product-form";

/** The file inputs of the three required photos. */
export const photoFields = requiredPhotoRoles.map((role) => [photoFieldName(role), role] as const);
export const EXTRA_PHOTOS_FIELD = photoFieldName("other");

/** The checked uploads and where each photo goes; nothing stored yet. */
export interface PhotoUploads {
  plan: PlannedPhoto[];
  byRole: Map<RequiredPhotoRole, Buffer>;
  extras: Buffer[];
}

export type ReadProductForm =
  | { ok: true; form: ProductForm; variants: VariantRow[]; photos: PhotoUploads }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

/**
 * Reads and checks the product form: fields, label rules for the category's kind, each uploaded photo by
 * its bytes, and the photos' order and cover. A required photo may be left out when `saved` (the version
 * being edited) already has one. Every problem is reported at once; nothing is stored here.
 */
export async function readProductForm(
  formData: FormData,
  categories: { id: string; kind: "food" | "craft" }[],
  saved: readonly SavedPhoto[] = [],
): Promise<ReadProductForm> {
  const values = formValues(formData);
  // Only the fields of the chosen category's kind count (the page shows only those).
  const chosen = categories.find((c) => c.id === values.categoryId);
  const parsed = productFormSchema.safeParse(keepFieldsOfKind(values, chosen?.kind));
  const category = parsed.success ? categories.find((c) => c.id === parsed.data.categoryId) : undefined;
  const errors: Record<string, string> = parsed.success
    ? category
      ? missingForKind(parsed.data, category.kind)
      : { categoryId: "product.error.category" }
    : fieldErrors(parsed.error);
  const variants = readVariantRows(values, parsed.success ? { price: parsed.data.price, stock: parsed.data.stock } : { price: 0, stock: 0 });
  Object.assign(errors, variants.errors);

  const savedRoles = new Set(saved.map((photo) => photo.role));
  const byRole = new Map<RequiredPhotoRole, Buffer>();
  for (const [field, role] of photoFields) {
    const bytes = await fileBytes(formData.get(field));
    if (!bytes) {
      if (!savedRoles.has(role)) errors[field] = "product.error.photoRequired";
      continue;
    }
    const checked = await checkImage(bytes);
    if (!checked.ok) errors[field] = mediaErrors[checked.error].message;
    else byRole.set(role, bytes);
  }
  const extras: Buffer[] = [];
  for (const entry of formData.getAll(EXTRA_PHOTOS_FIELD)) {
    const bytes = await fileBytes(entry);
    if (!bytes) continue;
    const checked = await checkImage(bytes);
    if (!checked.ok) errors[EXTRA_PHOTOS_FIELD] ??= mediaErrors[checked.error].message;
    else extras.push(bytes);
  }
  const removed = new Set(formData.getAll("removePhoto").filter((value): value is string => typeof value === "string"));
  const plan = planPhotos({ saved, replacedRoles: new Set(byRole.keys()), newExtras: extras.length, removed, order: readPhotoOrder(formData.get("photoOrder")) });
  if (!plan.ok) errors[EXTRA_PHOTOS_FIELD] = plan.error;

  if (!parsed.success || !plan.ok || Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, form: parsed.data, variants: variants.rows, photos: { plan: plan.photos, byRole, extras } };
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
    producerAddress: form.producerAddress,
    ingredientsEn: form.ingredientsEn,
    allergensEn: form.allergensEn,
    storageEn: form.storageEn,
    materialEn: form.materialEn,
    careEn: form.careEn,
  };
}

/**
 * Stores the new uploads and returns the version's photos in the member's order, cover first. When storing
 * one fails, the ones already stored are removed again.
 */
export async function storePhotos(db: Db, mediaRoot: string, cooperativeId: string, uploads: PhotoUploads): Promise<DraftImage[]> {
  const images: DraftImage[] = [];
  const stored: string[] = [];
  try {
    for (const photo of uploads.plan) {
      if (photo.source === "saved") {
        images.push({ assetId: photo.assetId, role: photo.role });
        continue;
      }
      const bytes = photo.role === "other" ? uploads.extras[photo.index] : uploads.byRole.get(photo.role);
      if (!bytes) continue;
      const assetId = await storeImage(db, mediaRoot, cooperativeId, bytes);
      stored.push(assetId);
      images.push({ assetId, role: photo.role });
    }
  } catch (error) {
    await discardImages(db, mediaRoot, cooperativeId, stored);
    throw error;
  }
  return images;
}

/** The photos `storePhotos` stored for this post (not those the version already had): what to remove if the save fails. */
export function newlyStored(images: readonly DraftImage[], saved: readonly SavedPhoto[] = []): string[] {
  const kept = new Set(saved.map((photo) => photo.assetId));
  return images.map((image) => image.assetId).filter((assetId) => !kept.has(assetId));
}

/** A new product's variants: SKUs from its slug, a time stamp and the row's number (`KERIPIK-TALAS-LX3K2-1`). */
export function newProductVariants(slug: string, rows: VariantRow[]): DraftVariant[] {
  const base = `${slug.slice(0, 24).toUpperCase()}-${skuStamp()}`;
  return rows.map((row, index) => ({ sku: `${base}-${index + 1}`, nameId: row.nameId, nameEn: row.nameEn, price: row.price }));
}

/**
 * The variants of an edit: rows that carry an existing SKU keep it (its stock and history stay), new rows
 * get a new SKU from the product's first one. A SKU left out stops being sold in the new version.
 */
export function editedVariants(existing: DraftVariant[], rows: VariantRow[]): DraftVariant[] {
  const known = new Map(existing.map((variant) => [variant.variantId, variant]));
  const stamp = skuStamp();
  return rows.map((row, index) => {
    const current = row.variantId ? known.get(row.variantId) : undefined;
    return current
      ? { ...current, nameId: row.nameId, nameEn: row.nameEn, price: row.price }
      : { sku: `${(existing[0]?.sku ?? "SKU").slice(0, 40)}-${stamp}${index}`, nameId: row.nameId, nameEn: row.nameEn, price: row.price };
  });
}

/** Where the products list's message comes from after a save. */
export const savedParam = { draft: "draft", in_review: "submitted", approved: "live" } as const;
