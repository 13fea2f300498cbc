import { asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperativeHosts, cooperatives } from "~db/schema";

export type Cooperative = typeof cooperatives.$inferSelect;

/**
 * Every request starts by finding its cooperative; known hosts are remembered for a few seconds. This
 * process forgets a cooperative as soon as its settings change here; other app servers see the change
 * within CACHE_MS. Unknown hosts are not remembered, so a host added by an operator works at once.
 */
const CACHE_MS = 5_000;
const byHostCache = new Map<string, { cooperative: Cooperative; until: number }>();

export function forgetCachedCooperative(cooperativeId: string): void {
  for (const [host, entry] of byHostCache) if (entry.cooperative.id === cooperativeId) byHostCache.delete(host);
}

/**
 * Which cooperative a request is for: by its Host header (a shared provincial deployment gives each
 * cooperative its own host), else the configured default, else the first one created (single-cooperative
 * deployments need no host table at all).
 */
export async function cooperativeForHost(
  db: Db,
  host: string,
  defaultSlug?: string,
): Promise<Cooperative | undefined> {
  const hostname = host.toLowerCase().replace(/:\d+$/, "");
  const cached = byHostCache.get(hostname);
  if (cached && cached.until > Date.now()) return cached.cooperative;
  const [byHost] = await db
    .select({ cooperative: cooperatives })
    .from(cooperativeHosts)
    .innerJoin(cooperatives, eq(cooperatives.id, cooperativeHosts.cooperativeId))
    .where(eq(cooperativeHosts.host, hostname))
    .limit(1);
  if (byHost) {
    byHostCache.set(hostname, { cooperative: byHost.cooperative, until: Date.now() + CACHE_MS });
    return byHost.cooperative;
  }
  if (defaultSlug) {
    const [bySlug] = await db.select().from(cooperatives).where(eq(cooperatives.slug, defaultSlug)).limit(1);
    if (bySlug) return bySlug;
  }
  const [first] = await db.select().from(cooperatives).orderBy(asc(cooperatives.createdAt)).limit(1);
  return first;
}
