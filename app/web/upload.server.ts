import {
  FormDataParseError,
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  MultipartParseError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { MAX_UPLOAD_BYTES } from "~/modules/media/images";

export { checkImage, fileBytes, mediaErrors, privateImage, type ImageCheck } from "~/modules/media/image-check.server";
export { MAX_UPLOAD_BYTES };

/** More files than any form of ours takes: the product editor's nine photos and some slack. */
export const MAX_UPLOAD_FILES = 12;
/** Parts (text fields and files) of one form: the product editor sends about a hundred. */
export const MAX_FORM_PARTS = 300;
/** One text field (a product description is a few kilobytes at most). */
export const MAX_TEXT_FIELD_BYTES = 64 * 1024;
/** Every file at its largest and a megabyte of text; the HTTP edge holds photo forms to a tighter budget. */
const MAX_FORM_BYTES = MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + 1024 * 1024;

export type MultipartRefusal = "upload.error.tooLarge" | "upload.error.tooMany" | "error.tooLarge.body" | "error.badRequest.body";
export type MultipartRead = { formData: FormData } | { refused: MultipartRefusal; status: 400 | 413 };

/**
 * Reads a multipart form as it streams, files held in memory: at most twelve files of 10 MB each, 300 parts,
 * text fields of 64 KB without NUL. A form over a limit answers `refused` with its message key and status
 * (413 for sizes and counts, 400 for a malformed form) instead of throwing, so the route can say so in the
 * person's language. The parser stops at the first part over a limit: the rest is never read.
 */
export async function readMultipartForm(request: Request): Promise<MultipartRead> {
  let formData: FormData;
  try {
    formData = await parseFormData(request, {
      maxFiles: MAX_UPLOAD_FILES,
      maxFileSize: MAX_UPLOAD_BYTES,
      maxParts: MAX_FORM_PARTS,
      maxTotalSize: MAX_FORM_BYTES,
      maxHeaderSize: 8 * 1024,
    });
  } catch (error) {
    if (error instanceof MaxFileSizeExceededError) return { refused: "upload.error.tooLarge", status: 413 };
    if (error instanceof MaxFilesExceededError) return { refused: "upload.error.tooMany", status: 413 };
    if (error instanceof MaxPartsExceededError || error instanceof MaxTotalSizeExceededError) return { refused: "error.tooLarge.body", status: 413 };
    if (error instanceof MultipartParseError || error instanceof FormDataParseError) return { refused: "error.badRequest.body", status: 400 };
    throw error;
  }
  for (const [name, value] of formData) {
    if (name.includes("\u0000")) return { refused: "error.badRequest.body", status: 400 };
    if (typeof value !== "string") continue;
    if (value.includes("\u0000")) return { refused: "error.badRequest.body", status: 400 };
    if (Buffer.byteLength(value) > MAX_TEXT_FIELD_BYTES) return { refused: "error.tooLarge.body", status: 413 };
  }
  return { formData };
}
