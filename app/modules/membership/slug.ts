import { and, eq, like } from "drizzle-orm";
import type { Db } from "~db/client";
import { members } from "~db/schema";
import { firstFreeSlug, slugify } from "~/lib/slug";

export { slugify };

/** A member slug not yet used in the cooperative: `dapur-bu-siti`, then `dapur-bu-siti-2`… */
export async function uniqueSlug(db: Db, cooperativeId: string, name: string): Promise<string> {
  const base = slugify(name);
  const rows = await db
    .select({ slug: members.slug })
    .from(members)
    .where(and(eq(members.cooperativeId, cooperativeId), like(members.slug, `${base}%`)));
  return firstFreeSlug(base, new Set(rows.map((row) => row.slug)));
}
