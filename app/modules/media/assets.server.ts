import { randomUUID } from "node:crypto";
import type { Db } from "~db/client";
import { mediaAssets } from "~db/schema";
import { storeOriginal, type PreparedOriginal } from "./local-storage.server";

/** Stores an image (raw, or prepared by `prepareOriginal`) on local disk and records it; returns the asset id. */
export async function createLocalAsset(
  db: Db,
  mediaRoot: string,
  cooperativeId: string,
  input: Buffer | PreparedOriginal,
): Promise<string> {
  const id = randomUUID();
  const stored = await storeOriginal(mediaRoot, cooperativeId, id, input);
  await db.insert(mediaAssets).values({
    id,
    cooperativeId,
    storage: "local",
    storageKey: `${cooperativeId}/${id}`,
    mimeType: "image/webp",
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
    placeholderColor: stored.placeholderColor,
  });
  return id;
}
