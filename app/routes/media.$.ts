import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { isImageWidth } from "~/modules/media/images";
import { variantFile } from "~/modules/media/local-storage.server";

const pathPattern = /^([0-9a-f-]{36})\/([0-9a-f-]{36})\/w(\d+)\.webp$/;

/** Locally stored images: `/media/<cooperative>/<asset>/w<width>.webp`, resized on first request, cached forever. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const match = pathPattern.exec(params["*"] ?? "");
  const width = Number(match?.[3]);
  if (!match || !isImageWidth(width)) throw httpError(404, "error.notFound.body");
  let file: string | undefined;
  try {
    file = await variantFile(context.mediaRoot, match[1]!, match[2]!, width);
  } catch {
    file = undefined;
  }
  if (!file) throw httpError(404, "error.notFound.body");
  const { size } = await fs.promises.stat(file);
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(size),
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
