import fs from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { isImageFormat, isImageWidth, negotiatedFormat, type ImageFormat, type ImageWidth } from "./images";

const ORIGINAL = "original.webp";
const MAX_ORIGINAL_EDGE = 2400;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Local disk storage: `<mediaRoot>/<cooperativeId>/<assetId>/original.webp` and `w<width>.<webp|avif>` beside it. */
export function assetDirectory(mediaRoot: string, cooperativeId: string, assetId: string): string {
  if (!uuidPattern.test(cooperativeId) || !uuidPattern.test(assetId)) throw new Error("Invalid media path");
  return path.join(mediaRoot, cooperativeId, assetId);
}

export interface StoredOriginal {
  width: number;
  height: number;
  bytes: number;
  placeholderColor: string;
}

/** An image made ready to be an asset's original (WebP bytes and what the asset row records), not yet stored. */
export interface PreparedOriginal {
  data: Buffer;
  stored: StoredOriginal;
}

/**
 * An image as it becomes an asset's original: turned upright by its EXIF orientation, metadata (GPS location
 * included) dropped, longest edge capped, re-encoded as WebP.
 */
export async function prepareOriginal(input: Buffer): Promise<PreparedOriginal> {
  const pipeline = sharp(input, { limitInputPixels: 50_000_000 })
    .rotate()
    .resize({ width: MAX_ORIGINAL_EDGE, height: MAX_ORIGINAL_EDGE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 86 });
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  const { dominant } = await sharp(data).stats();
  return { data, stored: { width: info.width, height: info.height, bytes: data.length, placeholderColor: toHex(dominant) } };
}

/** Stores an image (raw, or already prepared by `prepareOriginal`) as the asset's original. */
export async function storeOriginal(
  mediaRoot: string,
  cooperativeId: string,
  assetId: string,
  input: Buffer | PreparedOriginal,
): Promise<StoredOriginal> {
  const directory = assetDirectory(mediaRoot, cooperativeId, assetId);
  await fs.mkdir(directory, { recursive: true });
  const { data, stored } = Buffer.isBuffer(input) ? await prepareOriginal(input) : input;
  await writeAtomically(path.join(directory, ORIGINAL), data);
  return stored;
}

/** What a `/media/<cooperative>/<asset>/w<width>[.<format>]` path asks for (the part after `/media/`). */
export interface VariantRequest {
  cooperativeId: string;
  assetId: string;
  width: ImageWidth;
  format: ImageFormat;
  /** The URL names its format (link previews, structured data, e-mails): that format whatever the `Accept`. */
  named: boolean;
}

const variantPathPattern = /^([0-9a-f-]{36})\/([0-9a-f-]{36})\/w(\d+)(?:\.(webp|avif))?$/;

/**
 * Pages name a width and get AVIF when the request's `Accept` names it, else WebP (decision 45: one `srcset`
 * instead of a `<picture>` of two). Undefined for any other path.
 */
export function variantRequest(mediaPath: string, accept: string | null): VariantRequest | undefined {
  const match = variantPathPattern.exec(mediaPath);
  if (!match || !uuidPattern.test(match[1]!) || !uuidPattern.test(match[2]!)) return undefined;
  const width = Number(match[3]);
  const format = match[4] ?? negotiatedFormat(accept);
  if (!isImageWidth(width) || !isImageFormat(format)) return undefined;
  return { cooperativeId: match[1]!, assetId: match[2]!, width, format, named: match[4] !== undefined };
}

/** Cached for good; a URL without a format varies by `Accept`, so a shared cache keys it by that too. */
export function variantHeaders(request: VariantRequest): Record<string, string> {
  return {
    "Content-Type": `image/${request.format}`,
    "Cache-Control": "public, max-age=31536000, immutable",
    ...(request.named ? {} : { Vary: "Accept" }),
  };
}

function variantPath(mediaRoot: string, request: VariantRequest): string {
  return path.join(assetDirectory(mediaRoot, request.cooperativeId, request.assetId), `w${request.width}.${request.format}`);
}

/** The variant's file if it has been made, without making it. */
export async function madeVariantFile(mediaRoot: string, request: VariantRequest): Promise<string | undefined> {
  const target = variantPath(mediaRoot, request);
  return (await exists(target)) ? target : undefined;
}

/** Variants being made now, so that a page's many simultaneous requests for a new image encode it once. */
const making = new Map<string, Promise<string | undefined>>();

/** The path of a resized variant, made from the original on first request and kept. */
export async function variantFile(mediaRoot: string, request: VariantRequest): Promise<string | undefined> {
  const existing = await madeVariantFile(mediaRoot, request);
  if (existing) return existing;
  const target = variantPath(mediaRoot, request);
  const pending = making.get(target);
  if (pending) return pending;
  const made = makeVariant(path.dirname(target), target, request.width, request.format).finally(() => making.delete(target));
  making.set(target, made);
  return made;
}

async function makeVariant(directory: string, target: string, width: ImageWidth, format: ImageFormat): Promise<string | undefined> {
  const original = path.join(directory, ORIGINAL);
  if (!(await exists(original))) return undefined;
  const resized = sharp(original).resize({ width, withoutEnlargement: true });
  // AVIF at quality 55 looks like WebP at 78 and weighs about a third less; effort 3 keeps a first request
  // (which makes the variant) within a few hundred milliseconds.
  const encoded = format === "avif" ? resized.avif({ quality: width <= 320 ? 50 : 55, effort: 3 }) : resized.webp({ quality: width <= 320 ? 70 : 78, effort: 3 });
  await writeAtomically(target, await encoded.toBuffer());
  return target;
}

/** Writes a file whole or not at all: readers (another shop, another request) never see half of it. */
export async function writeAtomically(target: string, data: Buffer | string) {
  const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(temporary, data);
  await fs.rename(temporary, target);
}

async function exists(file: string) {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** `#rrggbb` from sharp's channel stats (the placeholder colour of an image). */
export function toHex({ r, g, b }: { r: number; g: number; b: number }) {
  return `#${[r, g, b].map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
}
