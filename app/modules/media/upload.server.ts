import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import sharp from "sharp";
import { MAX_UPLOAD_BYTES } from "./images";

export { MAX_UPLOAD_BYTES };
const MIN_EDGE = 300;
const MAX_PIXELS = 50_000_000;
/** What phones and cameras produce; decided from the file's bytes, never its name or declared type. */
const acceptedFormats = new Set(["jpeg", "png", "webp", "heif"]);

export type ImageCheck = { ok: true; width: number; height: number; format: string } | { ok: false; error: "upload.error.notImage" | "upload.error.tooSmall" | "upload.error.tooLarge" };

/** Checks an uploaded image by decoding it: real type, pixel dimensions, a sane size. */
export async function checkImage(bytes: Buffer): Promise<ImageCheck> {
  if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, error: "upload.error.tooLarge" };
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    return { ok: false, error: "upload.error.notImage" };
  }
  if (!metadata.format || !acceptedFormats.has(metadata.format) || !metadata.width || !metadata.height) {
    return { ok: false, error: "upload.error.notImage" };
  }
  if (metadata.width * metadata.height > MAX_PIXELS) return { ok: false, error: "upload.error.tooLarge" };
  if (Math.min(metadata.width, metadata.height) < MIN_EDGE) return { ok: false, error: "upload.error.tooSmall" };
  return { ok: true, width: metadata.width, height: metadata.height, format: metadata.format };
}

/** More files than any form of ours takes: the product editor's nine photos and some slack. */
export const MAX_UPLOAD_FILES = 12;

class TooManyFilesError extends Error {}

export type MultipartRead = { formData: FormData } | { refused: "upload.error.tooLarge" | "upload.error.tooMany"; status: 413 };

/**
 * Reads a multipart form with files held in memory, up to 10 MB each and twelve in all. A form over
 * either limit answers `refused` with its message key instead of throwing, so the route can say so in
 * the person's language.
 */
export async function readMultipartForm(request: Request): Promise<MultipartRead> {
  const inMemory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES });
  let files = 0;
  try {
    const formData = await unstable_parseMultipartFormData(request, (part) => {
      if (part.filename && ++files > MAX_UPLOAD_FILES) throw new TooManyFilesError();
      return inMemory(part);
    });
    return { formData };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { refused: "upload.error.tooLarge", status: 413 };
    if (error instanceof TooManyFilesError) return { refused: "upload.error.tooMany", status: 413 };
    throw error;
  }
}

export async function fileBytes(value: FormDataEntryValue | null): Promise<Buffer | undefined> {
  if (!value || typeof value === "string" || value.size === 0) return undefined;
  return Buffer.from(await value.arrayBuffer());
}
