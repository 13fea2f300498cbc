import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { LateScriptsLoaderContext } from "~/components/scripts-after-paint";
import { RestoreScrollSourceContext } from "~/components/scroll-restoration";
import { dictionaryParts, dictionaryPartsOfPage, provideMessages } from "~/lib/i18n/dictionaries";
import { NonceProvider } from "~/lib/nonce";
import { paintsBeforeScripts } from "~/lib/scripts-after-paint";
import { inertPageScripts, lateScriptsLoader } from "~/lib/scripts-after-paint.server";
import { restoreScrollSource } from "~/lib/scroll-restoration.server";
import { en } from "~/lib/i18n/messages.en";
import { id } from "~/lib/i18n/messages.id";

provideMessages("id", dictionaryParts, id);
provideMessages("en", dictionaryParts, en);

const ABORT_DELAY = 5_000;
const lateScriptsLoaderSource = lateScriptsLoader();
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

/**
 * A page is rendered whole before it is sent: no route streams data, and the edge gzips a page whole (decision 43).
 * So React writes into one in-memory sink and the response carries one buffer, without the per-piece stream
 * machinery between them (decision 44).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  keepPrivate(request, responseHeaders);
  const nonce = loadContext.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const page = (
      <NonceProvider value={nonce}>
        <LateScriptsLoaderContext.Provider value={lateScriptsLoaderSource}>
          <RestoreScrollSourceContext.Provider value={restoreScrollSource}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </RestoreScrollSourceContext.Provider>
        </LateScriptsLoaderContext.Provider>
      </NonceProvider>
    );
    const sink = new PageSink((html) => {
      clearTimeout(deadline);
      const body = paintsBeforeScripts(dictionaryPartsOfPage(pageHandles(remixContext))) ? inertPageScripts(html) : html;
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      // Node's buffers are never shared memory.
      resolve(new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length), { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        pipe(sink);
      },
      onShellError(error: unknown) {
        clearTimeout(deadline);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    const deadline = setTimeout(abort, ABORT_DELAY);
  });
}

/** The `handle`s of the page's routes below the root, as `useMatches` gives them in the browser. */
function pageHandles(remixContext: EntryContext): unknown[] {
  return remixContext.staticHandlerContext.matches
    .filter((match) => match.route.id !== "root")
    .map((match) => remixContext.routeModules[match.route.id]?.handle);
}

/** Where React writes a whole page: its pieces are kept as they come and joined once at the end. */
class PageSink extends Writable {
  private readonly pieces: Buffer[] = [];

  constructor(private readonly done: (html: Buffer) => void) {
    // No "close" once finished: React takes a close for a visitor gone, and would end the sink a second time.
    super({ emitClose: false });
  }

  override _write(piece: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.pieces.push(piece);
    callback();
  }

  override _final(callback: () => void) {
    this.done(Buffer.concat(this.pieces));
    callback();
  }
}
