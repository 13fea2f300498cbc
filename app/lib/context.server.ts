import type { Db } from "~db/client";

declare module "@remix-run/node" {
  interface AppLoadContext {
    db: Db;
    /** Where local media (originals and resized variants) live on disk. */
    mediaRoot: string;
  }
}

export {};
