import type { Db } from "~db/client";
import { env } from "~/lib/env.server";
import { createLocalAsset } from "./assets.server";
import { createCloudinaryAsset, createCloudinaryStorage, type CloudinaryStorage } from "./cloudinary.server";

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
