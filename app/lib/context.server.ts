import type { Db } from "~db/client";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Db;
    /** Where local media (originals and resized variants) live on disk. */
    mediaRoot: string;
    /** The client's address (from X-Forwarded-For only when TRUST_PROXY is set). */
    clientIp: string;
  }
}

export {};
