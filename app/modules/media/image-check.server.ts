import sharp from "sharp";
import type { ErrorTable, Refused } from "~/lib/results";
import { MAX_UPLOAD_BYTES } from "./images";

const MIN_EDGE = 300;
const MAX_PIXELS = 50_000_000;
/** What phones and cameras produce; decided from the file's bytes, never its name or declared type. */
const acceptedFormats = new Set(["jpeg", "png", "webp", "heif"]);

/** `field` is a form's lone photo field; the product editor shows the message at each photo's own. */
export const mediaErrors = {
  not_image: { status: 415, message: "upload.error.notImage", field: "photo" },
  too_small: { status: 422, message: "upload.error.tooSmall", field: "photo" },
  too_large: { status: 422, message: "upload.error.tooLarge", field: "photo" },
} satisfies ErrorTable;

export type ImageCheck = { ok: true; width: number; height: number; format: string } | Refused<keyof typeof mediaErrors>;

/** Checks an uploaded image by decoding it: real type, pixel dimensions, a sane size. */
export async function checkImage(bytes: Buffer): Promise<ImageCheck> {
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, error: "too_large" };
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    return { ok: false, error: "not_image" };
  }
  if (!metadata.format || !acceptedFormats.has(metadata.format) || !metadata.width || !metadata.height) {
    return { ok: false, error: "not_image" };
  }
  if (metadata.width * metadata.height > MAX_PIXELS) return { ok: false, error: "too_large" };
  if (Math.min(metadata.width, metadata.height) < MIN_EDGE) return { ok: false, error: "too_small" };
  return { ok: true, width: metadata.width, height: metadata.height, format: metadata.format };
}

/** The bytes of an uploaded file field, or undefined when none was chosen. */
export async function fileBytes(value: FormDataEntryValue | null): Promise<Buffer | undefined> {
  if (!value || typeof value === "string" || value.size === 0) return undefined;
  return Buffer.from(await value.arrayBuffer());
}

/** The longest edge kept of a private image (a transfer receipt): legible, and small enough to keep in the database. */
const PRIVATE_IMAGE_EDGE = 1600;

/**
 * A checked upload re-encoded for private keeping (never published with the shop's images): turned upright, at
 * most 1600 px, as WebP, without its metadata (a phone's location and device).
 */
export async function privateImage(bytes: Buffer): Promise<{ image: Buffer; mimeType: "image/webp" }> {
  const image = await sharp(bytes, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .resize({ width: PRIVATE_IMAGE_EDGE, height: PRIVATE_IMAGE_EDGE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { image, mimeType: "image/webp" };
}
