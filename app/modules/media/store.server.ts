import fs from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { mediaAssets } from "~db/schema";
import { env } from "~/lib/env.server";
import { createLocalAsset } from "./assets.server";
import { createCloudinaryAsset, createCloudinaryStorage, type CloudinaryStorage } from "./cloudinary.server";
import { assetDirectory } from "./local-storage.server";

let cloudinary: CloudinaryStorage | undefined;

/**
 * Stores a checked image where this deployment keeps images: Cloudinary when `CLOUDINARY_URL` is set,
 * else local disk with variants made by sharp. Returns the new asset's id.
 */
export async function storeImage(db: Db, mediaRoot: string, cooperativeId: string, bytes: Buffer): Promise<string> {
  const url = env().CLOUDINARY_URL;
  if (!url) return createLocalAsset(db, mediaRoot, cooperativeId, bytes);
  cloudinary ??= createCloudinaryStorage({ url });
  return createCloudinaryAsset(db, cloudinary, cooperativeId, bytes);
}

/**
 * Removes images stored for a form that was then refused or failed, before anything refers to them: their
 * rows, and on local disk their folders. An image something already uses is kept. On Cloudinary the copy
 * stays (there is no delete call yet); it is unreachable without its row.
 */
export async function discardImages(db: Db, mediaRoot: string, cooperativeId: string, assetIds: readonly string[]): Promise<void> {
  for (const assetId of assetIds) {
    try {
      const [removed] = await db
        .delete(mediaAssets)
        .where(and(eq(mediaAssets.cooperativeId, cooperativeId), eq(mediaAssets.id, assetId)))
        .returning({ storage: mediaAssets.storage });
      if (removed?.storage === "local") await fs.rm(assetDirectory(mediaRoot, cooperativeId, assetId), { recursive: true, force: true });
    } catch (error) {
      console.error(`Could not discard image ${assetId}:`, error);
    }
  }
}
