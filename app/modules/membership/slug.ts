import { and, eq, like } from "drizzle-orm";
import type { Db } from "~db/client";
import { members } from "~db/schema";

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "usaha"
  );
}

/** A member slug not yet used in the cooperative: `dapur-bu-siti`, then `dapur-bu-siti-2`… */
export async function uniqueSlug(db: Db, cooperativeId: string, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: members.slug })
        .from(members)
        .where(and(eq(members.cooperativeId, cooperativeId), like(members.slug, `${base}%`)))
    ).map((row) => row.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
