import {
  MaxFileSizeExceededError,
  MaxFilesExceededError,
  MaxPartsExceededError,
  MaxTotalSizeExceededError,
  parseFormData,
} from "@remix-run/form-data-parser";
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import type express from "express";
import { cleanCookieHeader, pathProblem, queryProblem, readUrlEncoded } from "~/lib/input-checks";
import type { EdgeRefusal } from "~/lib/context.server";
import { bodyBudget, bodyKind, DISCARD_BYTES, MAX_FORM_FIELDS } from "./budgets";
import { countedBody, declaredLength, discardRest, readWithin } from "./body";
import { serveShopPage, type ShopPages } from "../page-cache/serve";
import { FRESH_PAGE_LEVEL, type DocumentGzip } from "./document-gzip";

export type HandleRequest = (request: Request, context: AppLoadContext) => Promise<Response>;

export interface EdgeOptions {
  /** Remix's handler (or, in tests, a stand-in). */
  handle: HandleRequest;
  getLoadContext: (request: express.Request) => Pick<AppLoadContext, "db" | "mediaRoot" | "clientIp">;
  /** The shop page cache (decision 25); without it every page is rendered. */
  pages?: ShopPages;
  /** How HTML pages are gzipped (decision 43); without it the compression middleware does it as it streams. */
  documents?: DocumentGzip;
}

/** Remix behind the HTTP edge: the build's request handler for the given mode. */
export function remixHandle(build: ServerBuild | (() => Promise<ServerBuild>), mode: string): HandleRequest {
  const handle = createRequestHandler(build, mode);
  return (request, context) => handle(request, context);
}

/**
 * What stands between a socket and a route (decision 15), in place of `@remix-run/express`'s handler:
 * - cookies that cannot be read are dropped, as if never sent;
 * - a path or query with a malformed escape or a NUL is refused 400;
 * - a body over its budget is refused 413, by its declared length before a byte is read, else while counting;
 * - url-encoded (and small multipart) bodies are read whole within their budget and checked like the query,
 *   so no route ever sees a NUL, a malformed escape or a thousand fields;
 * - photo uploads stream to the route, counted; its parser checks their parts.
 * Refusals are rendered by the app (the splat route) in the visitor's language, with the usual layout.
 */
export function edgeHandler(options: EdgeOptions): express.RequestHandler {
  return async (req, res, next) => {
    try {
      if (req.headers.cookie !== undefined) {
        const cookies = cleanCookieHeader(req.headers.cookie);
        if (cookies) req.headers.cookie = cookies;
        else delete req.headers.cookie;
      }
      const context: AppLoadContext = { ...options.getLoadContext(req), cspNonce: res.locals.cspNonce };
      const refuse = (status: EdgeRefusal["status"]) =>
        sendRefusal(req, res, options.handle, context, { status, messageKey: status === 413 ? "error.tooLarge.body" : "error.badRequest.body" });

      const queryAt = req.originalUrl.indexOf("?");
      const pathname = queryAt === -1 ? req.originalUrl : req.originalUrl.slice(0, queryAt);
      const search = queryAt === -1 ? "" : req.originalUrl.slice(queryAt);
      if (pathProblem(pathname) || queryProblem(search)) {
        if (hasBody(req.method)) discardRest(req);
        return await refuse(400);
      }

      if (options.pages && !hasBody(req.method)) {
        const render = () => options.handle(toRequest(req, res, undefined), context);
        if (await serveShopPage(req, res, options.pages, render, (response) => send(res, response, options.documents))) return;
      }

      let body: BodyInit | undefined;
      let overBudget = false;
      if (hasBody(req.method)) {
        const kind = bodyKind(req.headers["content-type"], pathname);
        const budget = bodyBudget[kind];
        const declared = declaredLength(req);
        if (declared !== undefined && declared > budget) {
          if (declared > DISCARD_BYTES) res.setHeader("Connection", "close");
          discardRest(req);
          return await refuse(413);
        }
        if (kind === "form" || kind === "multipart") {
          const bytes = await readWithin(req, budget);
          if (!bytes) return await refuse(413);
          const problem = kind === "form" ? urlEncodedProblem(bytes) : await multipartProblem(bytes, req.headers["content-type"]!);
          if (problem) return await refuse(problem === "tooMany" ? 413 : 400);
          body = new Uint8Array(bytes);
        } else {
          body = countedBody(req, budget, () => (overBudget = true));
        }
      }

      const response = await options.handle(toRequest(req, res, body), context);
      if (overBudget) {
        await response.body?.cancel().catch(() => {});
        return await refuse(413);
      }
      // A route that answered without reading the whole body (a redirect to sign in): the rest is discarded.
      if (!req.complete) discardRest(req);
      await send(res, response, options.documents);
    } catch (error) {
      next(error);
    }
  };
}

function hasBody(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

function urlEncodedProblem(bytes: Buffer): "malformed" | "nul" | "tooMany" | null {
  const read = readUrlEncoded(bytes, MAX_FORM_FIELDS);
  return read.ok ? null : read.problem;
}

/** A small multipart body (to a page without photos) parsed once here, so its text parts are checked too. */
async function multipartProblem(bytes: Buffer, contentType: string): Promise<"malformed" | "nul" | "tooMany" | null> {
  let formData: FormData;
  try {
    formData = await parseFormData(new Request("http://edge.invalid/", { method: "POST", headers: { "Content-Type": contentType }, body: new Uint8Array(bytes) }), {
      maxFiles: MAX_FORM_FIELDS,
      maxParts: MAX_FORM_FIELDS,
      maxFileSize: bytes.length + 1,
      maxTotalSize: bytes.length + 1,
    });
  } catch (error) {
    const overLimit = [MaxFilesExceededError, MaxPartsExceededError, MaxFileSizeExceededError, MaxTotalSizeExceededError].some((type) => error instanceof type);
    return overLimit ? "tooMany" : "malformed";
  }
  for (const [name, value] of formData) {
    if (name.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) return "nul";
  }
  return null;
}

/** A web Request for Remix, built like `@remix-run/express` builds it, with the (checked or counted) body. */
function toRequest(req: express.Request, res: express.Response, body: BodyInit | undefined, url?: URL, method?: string): Request {
  const controller = new AbortController();
  let finished = false;
  res.on("finish", () => (finished = true));
  res.on("close", () => {
    if (!finished) controller.abort();
  });
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  if (url) {
    // The edge's own request for a refusal page carries no body.
    for (const name of ["content-type", "content-length", "transfer-encoding"]) headers.delete(name);
  }
  return new Request((url ?? requestUrl(req)).href, {
    method: method ?? req.method,
    headers,
    signal: controller.signal,
    ...(body === undefined ? {} : { body, duplex: "half" }),
  } as RequestInit);
}

/** Host and port as `@remix-run/express` takes them (req.hostname follows the "trust proxy" setting). */
function requestUrl(req: express.Request): URL {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort].map((value) => Number.parseInt(value ?? "", 10)).find((value) => Number.isSafeInteger(value));
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
}

async function send(res: express.Response, response: Response, documents?: DocumentGzip, overrides: Record<string, string> = {}): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) if (!(key in overrides)) res.append(key, value);
  for (const [key, value] of Object.entries(overrides)) res.setHeader(key, value);
  if (!response.body) {
    res.end();
  } else if (documents && /^text\/html\b/.test(response.headers.get("Content-Type") ?? "") && !response.headers.has("Content-Encoding") && res.req.acceptsEncodings("gzip", "identity") === "gzip") {
    // A page is rendered whole before its first byte is sent (no route streams), so it is gzipped whole.
    const gzipped = documents.gzip(Buffer.from(await response.arrayBuffer()), FRESH_PAGE_LEVEL);
    res.vary("Accept-Encoding");
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", gzipped.length);
    res.end(res.req.method === "HEAD" ? undefined : gzipped);
  } else {
    await writeReadableStreamToWritable(response.body, res);
  }
}

const plainRefusal: Record<EdgeRefusal["status"], string> = {
  400: "Permintaan tidak dapat diproses. · We could not process that request.",
  413: "Kiriman terlalu besar. · Too much was sent.",
};

/**
 * Answers a refused request with the app's own error page in the visitor's language: the edge asks Remix for
 * `/__refused` (which no route claims, so the splat route answers) with the refusal in the load context. A
 * JavaScript submission (`….data`) gets the same as an action's error; a JavaScript page load and any failure
 * to render get a short text in both languages.
 */
async function sendRefusal(req: express.Request, res: express.Response, handle: HandleRequest, context: AppLoadContext, refusal: EdgeRefusal) {
  const dataRequest = /\.data$/.test(req.path);
  const submission = hasBody(req.method);
  if (!dataRequest || submission) {
    const url = requestUrl(req);
    const lang = new URLSearchParams(url.search).get("lang");
    const target = new URL(`/__refused${dataRequest ? ".data" : ""}${lang === "id" || lang === "en" ? `?lang=${lang}` : ""}`, url.origin);
    try {
      const response = await handle(toRequest(req, res, undefined, target, dataRequest ? "POST" : "GET"), { ...context, refusal });
      if (response.status === refusal.status || (dataRequest && response.status < 500)) {
        await send(res, response, undefined, { "cache-control": "no-store" });
        return;
      }
      await response.body?.cancel().catch(() => {});
    } catch (error) {
      console.error(error);
    }
  }
  res.status(refusal.status).setHeader("Cache-Control", "no-store");
  res.type("text/plain; charset=utf-8").send(plainRefusal[refusal.status]);
}
