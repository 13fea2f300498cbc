import { eq, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { outletSettings } from "~db/schema";

/** The cooperative's static QRIS sticker (already re-encoded), or undefined when none was uploaded. */
export async function staticQris(db: Db, cooperativeId: string): Promise<{ image: Buffer; mimeType: string; updatedAt: Date } | undefined> {
  const [row] = await db
    .select({ image: outletSettings.qrisImage, mimeType: outletSettings.qrisMimeType, updatedAt: outletSettings.updatedAt })
    .from(outletSettings)
    .where(eq(outletSettings.cooperativeId, cooperativeId));
  return row?.image && row.mimeType ? { image: row.image, mimeType: row.mimeType, updatedAt: row.updatedAt } : undefined;
}

export async function hasStaticQris(db: Db, cooperativeId: string): Promise<boolean> {
  const [row] = await db
    .select({ present: sql<boolean>`${outletSettings.qrisImage} is not null` })
    .from(outletSettings)
    .where(eq(outletSettings.cooperativeId, cooperativeId));
  return row?.present ?? false;
}

/** Sets (or, with `null`, removes) the static QRIS image; the caller audits it in the same transaction. */
export async function setStaticQris(tx: Db, cooperativeId: string, image: { image: Buffer; mimeType: string } | null, updatedBy: string): Promise<void> {
  const values = { qrisImage: image?.image ?? null, qrisMimeType: image?.mimeType ?? null, updatedBy, updatedAt: sql`now()` };
  await tx
    .insert(outletSettings)
    .values({ cooperativeId, ...values })
    .onConflictDoUpdate({ target: outletSettings.cooperativeId, set: values });
}
