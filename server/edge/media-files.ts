import path from "node:path";
import type express from "express";
import { madeVariantFile, variantHeaders, variantRequest } from "~/modules/media/local-storage.server";

/**
 * `/media/…`: a variant already made is sent from disk here, before the app (a page's photos are most of a visitor's
 * requests, and each one through Remix cost about three times a file's work). Anything else (a variant not made
 * yet, a path that is no variant) goes on to the app's media route, which makes it or answers 404 in words.
 */
export function madeMediaFiles(mediaRoot: string): express.RequestHandler {
  const root = path.resolve(mediaRoot);
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const wanted = variantRequest(req.path.slice(1), req.get("accept") ?? null);
    if (!wanted) return next();
    madeVariantFile(root, wanted).then(
      (file) => {
        if (!file) return next();
        const headers = variantHeaders(wanted);
        // `send` answers conditional and range requests; its own Cache-Control is turned off for ours.
        res.sendFile(file, { headers, cacheControl: false, dotfiles: "deny" }, (error?: NodeJS.ErrnoException) => {
          // A shopper who left (a page closed while its photos load) needs no answer.
          if (!error || res.headersSent || req.destroyed || error.code === "ECONNABORTED") return;
          // The file went between the look and the send: the app's route answers, with its own headers.
          for (const name of Object.keys(headers)) res.removeHeader(name);
          next();
        });
      },
      () => next(),
    );
  };
}
