import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { StylesheetTextContext } from "~/components/stylesheet";
import { dictionaryParts, dictionaryPartsOfPage, provideMessages } from "~/lib/i18n/dictionaries";
import { NonceProvider } from "~/lib/nonce";
import { paintsBeforeScripts } from "~/lib/scripts-after-paint";
import { inertPageScriptsStream } from "~/lib/scripts-after-paint.server";
import { stylesheetText } from "~/lib/stylesheet-text.server";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";

provideMessages("id", dictionaryParts, id);
provideMessages("en", dictionaryParts, en);

const ABORT_DELAY = 5_000;
export const streamTimeout = ABORT_DELAY;

/**
 * A signed-in person's pages carry their name and menus: whatever a route said about caching, such a
 * response must never be stored by a shared cache.
 */
function keepPrivate(request: Request, headers: Headers) {
  if (/(?:^|;\s*)etalase_session=/.test(request.headers.get("Cookie") ?? "")) {
    headers.set("Cache-Control", "private, no-store");
  }
}

export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  keepPrivate(request, response.headers);
  return response;
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  keepPrivate(request, responseHeaders);
  const nonce = loadContext.cspNonce ?? "";
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const page = (
      <NonceProvider value={nonce}>
        <StylesheetTextContext.Provider value={stylesheetText}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </StylesheetTextContext.Provider>
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      [readyEvent]() {
        shellRendered = true;
        const body = paintsBeforeScripts(dictionaryPartsOfPage(pageHandles(remixContext))) ? coalescing(inertPageScriptsStream()) : coalescing();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The `handle`s of the page's routes below the root, as `useMatches` gives them in the browser. */
function pageHandles(remixContext: EntryContext): unknown[] {
  return remixContext.staticHandlerContext.matches
    .filter((match) => match.route.id !== "root")
    .map((match) => remixContext.routeModules[match.route.id]?.handle);
}

/**
 * React writes a page in many small pieces, and Remix flushes the response after each one, which makes
 * the compression middleware end a deflate block and the socket send a packet per piece. Pieces written
 * in the same turn of the event loop go out as one; later pieces (streamed data) still go out as soon as
 * they are ready.
 */
function coalescing(rewrite?: { write: (bytes: Buffer) => Buffer; end: () => Buffer }): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const send = (bytes: Buffer) => {
    const out = rewrite ? rewrite.write(bytes) : bytes;
    if (out.length > 0) stream.push(out);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          if (pending.length > 0) send(Buffer.concat(pending));
          pending = [];
        });
      }
      callback();
    },
    flush(callback: TransformCallback) {
      if (pending.length > 0) send(Buffer.concat(pending));
      pending = [];
      const rest = rewrite?.end();
      if (rest && rest.length > 0) stream.push(rest);
      callback();
    },
  });
  return stream;
}
