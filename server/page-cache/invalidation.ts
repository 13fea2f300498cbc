import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { PageCache } from "./page-cache";

/** The channel the database's triggers speak on (migration `page_cache_notify`): `<cooperative id> <tag>`. */
export const PAGES_CHANNEL = "etalase_pages";

export interface CacheListener {
  /** Resolves once every change committed before the call has reached this process's cache. */
  caughtUp: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Keeps a page cache in step with the database: triggers on what shop pages show say, on commit, which cooperative
 * and what changed (`*` every page, `cooperative` every page and the cooperative's own row, `product:<slug>` one
 * product's page), and every app process listening forgets those pages. When the listening connection is (re)made,
 * notifications may have been missed, so the cache starts empty.
 */
export async function listenForPageChanges(sql: postgres.Sql, cache: PageCache, log: (line: string) => void = () => {}): Promise<CacheListener> {
  const waiting = new Map<string, () => void>();
  const subscription = await sql.listen(
    PAGES_CHANNEL,
    (payload) => {
      const [cooperativeId = "", tag = ""] = payload.split(" ", 2);
      if (cooperativeId === "sync") {
        waiting.get(tag)?.();
        waiting.delete(tag);
        return;
      }
      if (tag === "cooperative") cache.cooperativeChanged(cooperativeId);
      else cache.forget(cooperativeId, tag === "*" ? ["listings"] : [tag]);
    },
    () => {
      cache.clear();
      log("Page cache: listening for changes (emptied).");
    },
  );
  return {
    caughtUp: async () => {
      const token = randomUUID();
      const arrived = new Promise<void>((resolve) => waiting.set(token, resolve));
      await sql`select pg_notify(${PAGES_CHANNEL}, ${`sync ${token}`})`;
      await arrived;
    },
    stop: () => subscription.unlisten(),
  };
}

/** The page cache of an app process, listening for changes; undefined when `megabytes` is 0 (off). */
export async function startPageCache(sql: postgres.Sql, megabytes: number, log?: (line: string) => void): Promise<{ cache: PageCache; listener: CacheListener } | undefined> {
  if (megabytes <= 0) return undefined;
  const cache = new PageCache(megabytes * 1024 * 1024);
  return { cache, listener: await listenForPageChanges(sql, cache, log) };
}
