import { MAX_EXTRA_PHOTOS, requiredPhotoRoles } from "~/modules/catalog/listings/photo-plan";
import { MAX_UPLOAD_BYTES } from "~/modules/media/images";

/**
 * How much a request may send, decided before its body is read (decision 15). A body over its budget is
 * answered 413: up front when Content-Length says so, else as soon as the bytes counted while it streams
 * pass the budget. Nothing over budget is ever held in memory.
 */

/** A url-encoded form: the longest of ours (the membership application) is a few kilobytes. */
export const FORM_BODY_BYTES = 64 * 1024;
/** Fields in a url-encoded (or small multipart) form; ours have a few dozen. */
export const MAX_FORM_FIELDS = 500;

/** Photos one form can carry: the product editor's three required ones and its extras. */
export const MAX_PHOTOS_PER_FORM = requiredPhotoRoles.length + MAX_EXTRA_PHOTOS;
/** A multipart form to a page that takes photos: each photo at its largest, and a megabyte for the text. */
export const UPLOAD_BODY_BYTES = MAX_PHOTOS_PER_FORM * MAX_UPLOAD_BYTES + 1024 * 1024;

/** Any other body (JSON from payment providers, later). */
export const OTHER_BODY_BYTES = 1024 * 1024;

/**
 * After a refusal the rest of the body is read and thrown away (constant memory), so a browser still sending
 * it gets to read the answer; past this much the connection is cut instead.
 */
export const DISCARD_BYTES = 2 * UPLOAD_BODY_BYTES;

/**
 * The pages whose actions read photos (with `readMultipartForm`), with or without the `.data` suffix of a
 * JavaScript submission. `tests/unit/http-edge.test.ts` keeps this list in step with the route files.
 */
const uploadPaths = [/^\/member\/products\/[^/]+$/, /^\/member\/settings$/, /^\/orders\/[^/]+$/, /^\/admin\/catalog\/categories(\/[^/]+)?$/, /^\/admin\/settings\/outlet$/, /^\/admin\/shu\/[^/]+$/, /^\/account\/orders\/[^/]+$/];

export function takesUploads(pathname: string): boolean {
  const path = pathname.replace(/\.data$/, "");
  return uploadPaths.some((pattern) => pattern.test(path));
}

/**
 * - `form`: url-encoded; read whole (it is small), checked, then handed to the route.
 * - `multipart`: multipart to a page without photos (a hand-made request): a form's budget, read and checked likewise.
 * - `upload`: multipart to a page that takes photos: streamed to the route, counted; the route's parser checks its parts.
 * - `other`: anything else, streamed and counted.
 */
export type BodyKind = "form" | "multipart" | "upload" | "other";

export function bodyKind(contentType: string | undefined, pathname: string): BodyKind {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "multipart/form-data") return takesUploads(pathname) ? "upload" : "multipart";
  return "other";
}

export const bodyBudget: Record<BodyKind, number> = {
  form: FORM_BODY_BYTES,
  multipart: FORM_BODY_BYTES,
  upload: UPLOAD_BODY_BYTES,
  other: OTHER_BODY_BYTES,
};
