import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import expressStaticGzip from "express-static-gzip";
import type { Db } from "~db/client";
import { documentGzip } from "./edge/document-gzip";
import { edgeHandler, remixHandle, type HandleRequest } from "./edge/remix-handler";
import { lastResort } from "./edge/last-resort";
import { madeMediaFiles } from "./edge/media-files";
import { contentSecurityPolicy, externalOrigins, securityHeaders, withConfiguredPaymentPages } from "./edge/security-headers";
import type { PageCache } from "./page-cache/page-cache";
import { shopPages } from "./page-cache/shop-pages";
import { localMailboxPage } from "./local-mailbox";

export interface AppOptions {
  /** The server build, or (in development) a function that loads the current one from Vite. */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Tests of the HTTP edge: a stand-in for Remix's request handler (the build is then not used). */
  handle?: HandleRequest;
  db: Db;
  mediaRoot: string;
  /** Folder with the client build (`build/client`): hashed assets are cached for a year. */
  clientDirectory: string;
  trustProxy?: boolean;
  /** The local demo's mailbox folder, shown at /dev/mailbox to this machine only. */
  localMailbox?: string;
  /** Development only: Vite's middleware serves sources and hot updates before Remix. */
  devMiddleware?: express.RequestHandler;
  /** Shop pages kept for everyone (decision 25), kept in step by `listenForPageChanges`. */
  pageCache?: PageCache;
}

/** The HTTP server: security headers, compression, static assets with honest cache headers, then Remix behind the HTTP edge. */
export function createApp(options: AppOptions) {
  const app = express();
  const mode = process.env.NODE_ENV === "development" ? "development" : "production";
  app.disable("x-powered-by");
  if (options.trustProxy) app.set("trust proxy", true);
  else app.use(ignoreForwardedHeaders);
  const origins = withConfiguredPaymentPages(externalOrigins, [process.env.MIDTRANS_SNAP_URL, process.env.STRIPE_API_URL]);
  app.use(securityHeaders({ dev: mode === "development", origins }));
  app.use(compression());
  if (options.devMiddleware) app.use(options.devMiddleware);
  // Hashed assets are sent as the build compressed them (brotli, else gzip; decision 55), never compressed again.
  app.use(
    "/assets",
    expressStaticGzip(path.join(options.clientDirectory, "assets"), {
      enableBrotli: true,
      orderPreference: ["br"],
      index: false,
      serveStatic: { immutable: true, maxAge: "1y", index: false },
    }),
  );
  const publicFiles = express.static(options.clientDirectory, { maxAge: "1h", index: false });
  app.use(options.devMiddleware ? publicFiles : onlyNamesPresentAtStart(options.clientDirectory, publicFiles));
  app.use(sameOriginWrites);
  if (options.localMailbox) app.get("/dev/mailbox", localMailboxPage(options.localMailbox));
  app.use("/media", madeMediaFiles(options.mediaRoot));
  app.get("/healthz", (_request, response) => {
    response.type("text/plain").send("ok");
  });
  // Pages are gzipped on the calling thread at a level chosen per page (decision 44).
  const documents = documentGzip();
  app.use(
    edgeHandler({
      handle: options.handle ?? remixHandle(options.build, mode),
      getLoadContext: (request) => ({ db: options.db, mediaRoot: options.mediaRoot, clientIp: request.ip ?? "" }),
      documents,
      pages: options.pageCache
        ? shopPages(options.db, options.pageCache, (scriptHashes) => contentSecurityPolicy({ scriptHashes, dev: mode === "development", origins }), documents)
        : undefined,
    }),
  );
  app.use(lastResort);
  return app;
}

/**
 * The client build's top-level files (those of public/) are fixed once built, so they are listed once: a page's
 * path goes on to Remix without a file-system lookup first (a cold render's `stat` was 5 % of its CPU).
 */
export function onlyNamesPresentAtStart(directory: string, serve: express.RequestHandler): express.RequestHandler {
  const names = new Set(fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => name !== "assets") : []);
  return (request, response, next) => (names.has(request.path.split("/")[1] ?? "") ? serve(request, response, next) : next());
}

/**
 * Without TRUST_PROXY no proxy stands in front, so X-Forwarded-* headers come from the client: they are dropped
 * before anything (Remix's request URL included) can take a host, protocol or address from them.
 */
export const ignoreForwardedHeaders: express.RequestHandler = (request, _response, next) => {
  for (const name of Object.keys(request.headers)) if (name.startsWith("x-forwarded-") || name === "forwarded") delete request.headers[name];
  next();
};

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard for every form: a state-changing request that a browser marks as
 * coming from another site (Origin, else Referer) is refused before it reaches a route. Session cookies
 * are SameSite=Lax as a second line. Requests with neither header (server-to-server, e.g. payment
 * notifications) pass: browsers always send Origin on cross-site form posts.
 */
export const sameOriginWrites: express.RequestHandler = (request, response, next) => {
  if (safeMethods.has(request.method)) return next();
  const source = request.get("origin") ?? request.get("referer");
  if (!source) return next();
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    sourceHost = "";
  }
  if (sourceHost === request.get("host")) return next();
  response
    .status(403)
    .type("text/plain; charset=utf-8")
    .send("Permintaan ditolak: formulir dikirim dari situs lain.\nRequest refused: the form was sent from another site.");
};
