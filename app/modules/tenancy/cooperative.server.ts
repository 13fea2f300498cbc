import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperativeHosts, cooperatives } from "~db/schema";
import { originForHost, platformOrigin } from "./public-url.server";

/** A cooperative with its own public origin: the one source of every link and canonical URL to its shop. */
export type Cooperative = typeof cooperatives.$inferSelect & { origin: string };

export type HostMatch =
  | { kind: "shop"; cooperative: Cooperative }
  /** An unknown host on a shared deployment with a default shop: send the browser to the default shop's own host. */
  | { kind: "elsewhere"; origin: string }
  | { kind: "unknown" };

/**
 * Every request starts by finding its cooperative; hosts are remembered for a few seconds. This process
 * forgets a cooperative as soon as its settings change here; other app servers see the change within
 * COOPERATIVE_CACHE_MS (and their page caches keep nothing rendered meanwhile). What an unknown host gets (the
 * single shop, the default shop's address, or nothing) is remembered as long, for at most UNKNOWN_HOSTS_KEPT
 * hosts, so made-up Host headers cannot grow the memory; it is forgotten whenever a cooperative or host is
 * added or changed here.
 */
export const COOPERATIVE_CACHE_MS = 5_000;
const UNKNOWN_HOSTS_KEPT = 256;
const byHostCache = new Map<string, { cooperative: Cooperative; until: number }>();
const unknownHostCache = new Map<string, { match: HostMatch; until: number }>();

export function forgetCachedCooperative(cooperativeId: string): void {
  for (const [host, entry] of byHostCache) if (entry.cooperative.id === cooperativeId) byHostCache.delete(host);
  forgetUnknownHosts();
}

/** A cooperative or host was added: what unknown hosts got may have changed. */
export function forgetUnknownHosts(): void {
  unknownHostCache.clear();
}

const primaryHost = sql<string | null>`(
  select h.host from cooperative_hosts h where h.cooperative_id = ${cooperatives.id}
  order by h.is_primary desc, h.created_at, h.host limit 1)`;

function withOrigin(row: typeof cooperatives.$inferSelect, host: string | null): Cooperative {
  return { ...row, origin: host ? originForHost(host) : platformOrigin() };
}

/**
 * Which cooperative a request is for, by its Host header (a shared provincial deployment gives each
 * cooperative its own host). A host no cooperative claims is served only where that cannot mislead: a
 * single-cooperative deployment serves its one shop; a shared one with a default sends the browser to the
 * default shop's own host; otherwise the host is unknown (404). The origin returned never comes from the
 * request, so a crafted Host header cannot put itself into a link or a cached page.
 */
export async function cooperativeForHost(db: Db, host: string, defaultSlug?: string): Promise<HostMatch> {
  const hostname = host.toLowerCase().replace(/:\d+$/, "");
  const cached = byHostCache.get(hostname);
  if (cached && cached.until > Date.now()) return { kind: "shop", cooperative: cached.cooperative };
  const unknownKey = `${hostname} ${defaultSlug ?? ""}`;
  const unknown = unknownHostCache.get(unknownKey);
  if (unknown && unknown.until > Date.now()) return unknown.match;
  const [byHost] = await db
    .select({ cooperative: cooperatives, primaryHost })
    .from(cooperativeHosts)
    .innerJoin(cooperatives, eq(cooperatives.id, cooperativeHosts.cooperativeId))
    .where(eq(cooperativeHosts.host, hostname))
    .limit(1);
  if (byHost) {
    const cooperative = withOrigin(byHost.cooperative, byHost.primaryHost);
    byHostCache.set(hostname, { cooperative, until: Date.now() + COOPERATIVE_CACHE_MS });
    return { kind: "shop", cooperative };
  }
  const match = await unknownHostMatch(db, defaultSlug);
  if (unknownHostCache.size >= UNKNOWN_HOSTS_KEPT) unknownHostCache.clear();
  unknownHostCache.set(unknownKey, { match, until: Date.now() + COOPERATIVE_CACHE_MS });
  return match;
}

async function unknownHostMatch(db: Db, defaultSlug: string | undefined): Promise<HostMatch> {
  const firstTwo = await db.select({ cooperative: cooperatives, primaryHost }).from(cooperatives).orderBy(asc(cooperatives.createdAt)).limit(2);
  if (firstTwo.length === 1) return { kind: "shop", cooperative: withOrigin(firstTwo[0]!.cooperative, firstTwo[0]!.primaryHost) };
  if (defaultSlug) {
    const [bySlug] = await db.select({ cooperative: cooperatives, primaryHost }).from(cooperatives).where(eq(cooperatives.slug, defaultSlug)).limit(1);
    if (bySlug) return { kind: "elsewhere", origin: withOrigin(bySlug.cooperative, bySlug.primaryHost).origin };
  }
  return { kind: "unknown" };
}

/** The address of a cooperative's shop (its primary host), or of the platform for mail that belongs to no shop. */
export async function publicOrigin(db: Db, cooperativeId: string | null): Promise<string> {
  if (!cooperativeId) return platformOrigin();
  const [row] = await db.select({ primaryHost }).from(cooperatives).where(eq(cooperatives.id, cooperativeId)).limit(1);
  return row?.primaryHost ? originForHost(row.primaryHost) : platformOrigin();
}

/** A cooperative's name, as its e-mails are signed. */
export async function cooperativeName(db: Db, cooperativeId: string): Promise<string> {
  const [row] = await db.select({ name: cooperatives.name }).from(cooperatives).where(eq(cooperatives.id, cooperativeId)).limit(1);
  return row?.name ?? "";
}

/** Where a cooperative's staff read mail about the shop (its contact address in settings), with its name. */
export async function cooperativeContact(db: Db, cooperativeId: string): Promise<{ name: string; email: string }> {
  const [row] = await db.select({ name: cooperatives.name, email: cooperatives.email }).from(cooperatives).where(eq(cooperatives.id, cooperativeId)).limit(1);
  return { name: row?.name ?? "", email: row?.email ?? "" };
}
