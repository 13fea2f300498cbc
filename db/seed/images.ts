import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { prepareOriginal, writeAtomically, type PreparedOriginal, type StoredOriginal } from "~/modules/media/local-storage.server";
import { cooperativeHeroSvg, memberPortraitSvg, productArtworkSvg } from "./artwork";
import type { DemoContent } from "./types";

export const imageRoles = [
  { role: "product", altId: "foto produk", altEn: "product photo" },
  { role: "packaging_front", altId: "kemasan depan", altEn: "front of the pack" },
  { role: "label_back", altId: "label belakang", altEn: "back label" },
] as const;

/** Every picture the demo seed draws for `content`, as SVG markup. */
export function demoImageMarkups(content: DemoContent): string[] {
  return [
    cooperativeHeroSvg(content.cooperative.name),
    ...content.members.map((member) => memberPortraitSvg(member)),
    ...content.products.flatMap((product) => imageRoles.map((image) => productArtworkSvg(product, image.role))),
  ];
}

/**
 * A drawn picture made ready to be an asset's original. With a cache folder, each picture is drawn and encoded once
 * (decision 41: drawing the demo's ~190 pictures was most of a test shop's start-up, a minute with both cores busy)
 * and read back afterwards: the file is named by a hash of the markup and of sharp's version, so a changed drawing or
 * library draws anew. Writes are atomic, so shops starting side by side may share the folder.
 */
export async function seedImage(markup: string, cacheDirectory?: string): Promise<PreparedOriginal> {
  const draw = async () => prepareOriginal(await sharp(Buffer.from(markup)).png().toBuffer());
  if (!cacheDirectory) return draw();
  const key = createHash("sha256").update(`${sharp.versions.vips}\n${sharp.versions.sharp ?? ""}\n${markup}`).digest("hex");
  const dataFile = path.join(cacheDirectory, `${key}.webp`);
  const metaFile = path.join(cacheDirectory, `${key}.json`);
  try {
    const [data, meta] = await Promise.all([fs.readFile(dataFile), fs.readFile(metaFile, "utf8")]);
    const stored = JSON.parse(meta) as StoredOriginal;
    if (stored.bytes === data.length) return { data, stored };
  } catch {
    // Not drawn yet (or half there): draw it.
  }
  const prepared = await draw();
  await fs.mkdir(cacheDirectory, { recursive: true });
  await writeAtomically(dataFile, prepared.data);
  await writeAtomically(metaFile, JSON.stringify(prepared.stored));
  return prepared;
}

/** Draws every demo picture into the cache folder ahead of the shops that will seed from it, two at a time. */
export async function warmSeedImages(content: DemoContent, cacheDirectory: string): Promise<void> {
  const markups = demoImageMarkups(content);
  let next = 0;
  const drawNext = async (): Promise<void> => {
    while (next < markups.length) await seedImage(markups[next++]!, cacheDirectory);
  };
  await Promise.all([drawNext(), drawNext()]);
}
