import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { cooperativeHosts, cooperatives } from "~db/schema";
import type { ErrorTable, Refused } from "~/lib/results";
import { forgetUnknownHosts } from "./cooperative.server";

export async function listCooperatives(db: Db) {
  return db
    .select({
      id: cooperatives.id,
      slug: cooperatives.slug,
      name: cooperatives.name,
      regency: cooperatives.regency,
      createdAt: cooperatives.createdAt,
      hosts: sql<string[]>`coalesce((select array_agg(h.host order by h.host) from cooperative_hosts h where h.cooperative_id = cooperatives.id), '{}')`,
      members: sql<number>`(select count(*) from members m where m.cooperative_id = cooperatives.id)`.mapWith(Number),
    })
    .from(cooperatives)
    .orderBy(asc(cooperatives.createdAt));
}

export const tenancyErrors = {
  slug_taken: { status: 409, message: "operator.error.slugTaken", field: "slug" },
  host_taken: { status: 409, message: "operator.error.hostTaken", field: "host" },
} satisfies ErrorTable;

export type TenancyError = keyof typeof tenancyErrors;
export type OpenShopResult = { ok: true; cooperativeId: string } | Refused<TenancyError>;

/** A new cooperative with its host as the shop's own address (pass the caller's transaction). */
export async function insertCooperativeWithHost(
  db: Db,
  input: { slug: string; name: string; legalName: string; regency: string; province: string; host: string },
): Promise<OpenShopResult> {
  const host = input.host.toLowerCase();
  if ((await db.select().from(cooperatives).where(eq(cooperatives.slug, input.slug))).length > 0) {
    return { ok: false, error: "slug_taken" };
  }
  if ((await db.select().from(cooperativeHosts).where(eq(cooperativeHosts.host, host))).length > 0) {
    return { ok: false, error: "host_taken" };
  }
  const [cooperative] = await db
    .insert(cooperatives)
    .values({ slug: input.slug, name: input.name, legalName: input.legalName, regency: input.regency, province: input.province })
    .returning({ id: cooperatives.id });
  await db.insert(cooperativeHosts).values({ host, cooperativeId: cooperative!.id, isPrimary: true });
  forgetUnknownHosts();
  return { ok: true, cooperativeId: cooperative!.id };
}
