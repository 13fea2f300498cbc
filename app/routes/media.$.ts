import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { isImageFormat, isImageWidth, negotiatedFormat } from "~/modules/media/images";
import { variantFile } from "~/modules/media/local-storage.server";

const pathPattern = /^([0-9a-f-]{36})\/([0-9a-f-]{36})\/w(\d+)(?:\.(webp|avif))?$/;

/**
 * Locally stored images, resized on first request and cached forever. Pages name a width,
 * `/media/<cooperative>/<asset>/w<width>`, and get AVIF when the request's `Accept` names it, else WebP (decision 45:
 * one `srcset` instead of a `<picture>` of two), so a shared cache keys them by `Accept` too. A format named in the
 * URL (`w<width>.<webp|avif>`: link previews, structured data, pages and e-mails from before) is that format.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const match = pathPattern.exec(params["*"] ?? "");
  const width = Number(match?.[3]);
  const named = match?.[4];
  const format = named ?? negotiatedFormat(request.headers.get("accept"));
  if (!match || !isImageWidth(width) || !isImageFormat(format)) throw httpError(404, "error.notFound.body");
  let file: string | undefined;
  try {
    file = await variantFile(context.mediaRoot, match[1]!, match[2]!, width, format);
  } catch {
    file = undefined;
  }
  if (!file) throw httpError(404, "error.notFound.body");
  const { size } = await fs.promises.stat(file);
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": `image/${format}`,
      "Content-Length": String(size),
      "Cache-Control": "public, max-age=31536000, immutable",
      ...(named ? {} : { Vary: "Accept" }),
    },
  });
}
