import fs from "node:fs";
import { Readable } from "node:stream";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { httpError } from "~/lib/http.server";
import { variantFile, variantHeaders, variantRequest } from "~/modules/media/local-storage.server";

/**
 * Locally stored images, resized on first request and cached forever (see `variantRequest` for the paths). A variant
 * already made is sent by the HTTP edge before the app (server/edge/media-files.ts); this route makes the rest.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const wanted = variantRequest(params["*"] ?? "", request.headers.get("accept"));
  if (!wanted) throw httpError(404, "error.notFound.body");
  let file: string | undefined;
  try {
    file = await variantFile(context.mediaRoot, wanted);
  } catch {
    file = undefined;
  }
  if (!file) throw httpError(404, "error.notFound.body");
  const { size } = await fs.promises.stat(file);
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: { ...variantHeaders(wanted), "Content-Length": String(size) },
  });
}
