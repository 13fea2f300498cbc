import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { isImageFormat, isImageWidth } from "~/modules/media/images";
import { variantFile } from "~/modules/media/local-storage.server";

const pathPattern = /^([0-9a-f-]{36})\/([0-9a-f-]{36})\/w(\d+)\.(webp|avif)$/;

/**
 * Locally stored images: `/media/<cooperative>/<asset>/w<width>.<webp|avif>`, resized on first request,
 * cached forever. Each format has its own URL (pages offer AVIF through `<picture>`), so a shared cache
 * needs no `Vary: Accept`.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const match = pathPattern.exec(params["*"] ?? "");
  const width = Number(match?.[3]);
  const format = match?.[4] ?? "";
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
    },
  });
}
