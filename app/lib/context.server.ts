import type { Db } from "~db/client";
import type { MessageKey } from "./i18n/core";

/** A request the HTTP edge refused before any route ran; the splat route renders it as the error page. */
export interface EdgeRefusal {
  status: 400 | 413;
  messageKey: MessageKey;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Db;
    /** Where local media (originals and resized variants) live on disk. */
    mediaRoot: string;
    /** The client's address (from X-Forwarded-For only when TRUST_PROXY is set). */
    clientIp: string;
    /** This response's Content-Security-Policy nonce, for the page's inline scripts. */
    cspNonce?: string;
    /** Set only on the edge's own request for a refusal page. */
    refusal?: EdgeRefusal;
  }
}

export {};
