import http from "node:http";
import { randomUUID } from "node:crypto";
import { v2 as cloudinary, type UploadApiErrorResponse, type UploadApiOptions, type UploadApiResponse } from "cloudinary";
import sharp from "sharp";
import type { Db } from "~db/client";
import { mediaAssets } from "~db/schema";
import { toHex } from "./local-storage.server";

export interface CloudinaryCredentials {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
}

const cloudinaryUrlPattern = /^cloudinary:\/\/([^:@/?#\s]+):([^@/?#\s]+)@([A-Za-z0-9_-]+)\/?$/;

/** Reads `cloudinary://API_KEY:API_SECRET@CLOUD_NAME`; the error never repeats the URL, which holds the secret. */
export function parseCloudinaryUrl(url: string): CloudinaryCredentials {
  const match = cloudinaryUrlPattern.exec(url.trim());
  if (!match) throw new Error("Invalid Cloudinary URL: expected cloudinary://API_KEY:API_SECRET@CLOUD_NAME");
  const [, apiKey, apiSecret, cloudName] = match as unknown as [string, string, string, string];
  try {
    return { cloudName, apiKey: decodeURIComponent(apiKey), apiSecret: decodeURIComponent(apiSecret) };
  } catch {
    throw new Error("Invalid Cloudinary URL: the API key or secret is not properly encoded");
  }
}

export interface CloudinaryUpload {
  /** `<cloud name>/<public id>`, as `imageUrl` in images.ts expects. */
  storageKey: string;
  width: number;
  height: number;
  bytes: number;
  mimeType: string;
}

export interface CloudinaryStorage {
  readonly cloudName: string;
  upload(input: Buffer, options: { cooperativeId: string; assetId: string }): Promise<CloudinaryUpload>;
}

export interface CloudinaryStorageConfig {
  /** `cloudinary://API_KEY:API_SECRET@CLOUD_NAME`. */
  url: string;
  /** The upload API's base URL; defaults to the SDK's (`https://api.cloudinary.com`). Tests point it at a fake. */
  uploadPrefix?: string;
  /** The first segment of public ids; `etalase` unless set. */
  folder?: string;
}

/** An upload Cloudinary refused or that did not reach it. */
export class CloudinaryUploadError extends Error {
  constructor(
    message: string,
    readonly httpCode?: number,
  ) {
    super(message);
    this.name = "CloudinaryUploadError";
  }
}

const MAX_ORIGINAL_EDGE = 2400;
const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const folderPattern = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/**
 * Cloudinary storage through the official SDK, with signed uploads. Credentials and the upload prefix go with
 * each call, never into the SDK's global configuration, so two instances (or tests) cannot leak into each other.
 */
export function createCloudinaryStorage(config: CloudinaryStorageConfig): CloudinaryStorage {
  const credentials = parseCloudinaryUrl(config.url);
  const folder = config.folder ?? "etalase";
  if (!folderPattern.test(folder)) throw new Error("Invalid Cloudinary folder");
  // The SDK picks `https` or `http` once, when it is loaded, from the global configuration; a per-call
  // `http:` prefix (a local fake) therefore needs an http agent, or Node refuses the protocol.
  const agent = config.uploadPrefix?.startsWith("http:") ? new http.Agent({ keepAlive: false }) : undefined;

  return {
    cloudName: credentials.cloudName,
    async upload(input, { cooperativeId, assetId }) {
      if (!idPattern.test(cooperativeId) || !idPattern.test(assetId)) throw new Error("Invalid media id");
      const publicId = `${folder}/${cooperativeId}/${assetId}`;
      const original = await withoutMetadata(input);
      const options: UploadApiOptions = {
        cloud_name: credentials.cloudName,
        api_key: credentials.apiKey,
        api_secret: credentials.apiSecret,
        ...(config.uploadPrefix ? { upload_prefix: config.uploadPrefix.replace(/\/+$/, "") } : {}),
        ...(agent ? { agent } : {}),
        resource_type: "image",
        type: "upload",
        public_id: publicId,
        overwrite: false,
        unique_filename: false,
        use_filename: false,
      };
      const result = await uploadBuffer(original, options);
      // With `overwrite: false` Cloudinary answers an existing public id with that resource, not ours.
      if (result.existing) throw new CloudinaryUploadError(`Cloudinary already holds ${publicId}`, 409);
      if (!(result.width > 0) || !(result.height > 0)) throw new CloudinaryUploadError("Cloudinary did not report the image size");
      return {
        storageKey: `${credentials.cloudName}/${result.public_id}`,
        width: result.width,
        height: result.height,
        bytes: result.bytes,
        mimeType: mimeTypeOf(result.format),
      };
    },
  };
}

/**
 * Cloudinary's upload API has no option that drops metadata from the stored original (delivery URLs strip it,
 * the original keeps it), so the photo is turned upright and re-encoded without EXIF (GPS included) before it
 * leaves the server, like the local adapter's original.
 */
async function withoutMetadata(input: Buffer): Promise<Buffer> {
  return sharp(input, { limitInputPixels: 50_000_000 })
    .rotate()
    .resize({ width: MAX_ORIGINAL_EDGE, height: MAX_ORIGINAL_EDGE, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 86 })
    .toBuffer();
}

function uploadBuffer(data: Buffer, options: UploadApiOptions): Promise<UploadApiResponse> {
  return new Promise((resolve, reject) => {
    const callback = (error?: UploadApiErrorResponse, result?: UploadApiResponse) => {
      if (error) reject(toError(error));
      else if (!result) reject(new CloudinaryUploadError("Cloudinary sent no upload result"));
      else resolve(result);
    };
    try {
      cloudinary.uploader.upload_stream(options, callback).end(data);
    } catch (error) {
      reject(toError(error));
    }
  });
}

function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === "object" && error !== null && "message" in error) {
    const { message, http_code: httpCode } = error as { message: unknown; http_code?: unknown };
    return new CloudinaryUploadError(
      `Cloudinary upload failed: ${String(message)}`,
      typeof httpCode === "number" ? httpCode : undefined,
    );
  }
  return new CloudinaryUploadError("Cloudinary upload failed");
}

function mimeTypeOf(format: string | undefined): string {
  if (!format) return "application/octet-stream";
  return format === "jpg" ? "image/jpeg" : `image/${format}`;
}

/** Stores an image on Cloudinary and records it; returns the asset id. Nothing is recorded when the upload fails. */
export async function createCloudinaryAsset(
  db: Db,
  storage: CloudinaryStorage,
  cooperativeId: string,
  input: Buffer,
): Promise<string> {
  const id = randomUUID();
  const { dominant } = await sharp(input, { limitInputPixels: 50_000_000 }).stats();
  const stored = await storage.upload(input, { cooperativeId, assetId: id });
  await db.insert(mediaAssets).values({
    id,
    cooperativeId,
    storage: "cloudinary",
    storageKey: stored.storageKey,
    mimeType: stored.mimeType,
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
    placeholderColor: toHex(dominant),
  });
  return id;
}
