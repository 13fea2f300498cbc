import { asc, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperativeHosts, cooperatives } from "~db/schema";

export type Cooperative = typeof cooperatives.$inferSelect;

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
  const [byHost] = await db
    .select({ cooperative: cooperatives })
    .from(cooperativeHosts)
    .innerJoin(cooperatives, eq(cooperatives.id, cooperativeHosts.cooperativeId))
    .where(eq(cooperativeHosts.host, hostname))
    .limit(1);
  if (byHost) return byHost.cooperative;
  if (defaultSlug) {
    const [bySlug] = await db.select().from(cooperatives).where(eq(cooperatives.slug, defaultSlug)).limit(1);
    if (bySlug) return bySlug;
  }
  const [first] = await db.select().from(cooperatives).orderBy(asc(cooperatives.createdAt)).limit(1);
  return first;
}
