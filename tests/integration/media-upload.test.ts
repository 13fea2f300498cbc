import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { storeOriginal, variantFile } from "~/modules/media/local-storage.server";
import { checkImage, MAX_UPLOAD_BYTES } from "~/web/upload.server";
import { loader as mediaLoader } from "~/routes/media.$";

const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "etalase-upload-"));
afterAll(() => fs.rmSync(mediaRoot, { recursive: true, force: true }));

const photo = (width: number, height: number, format: "jpeg" | "png" | "webp" = "jpeg") =>
  sharp({ create: { width, height, channels: 3, background: "#c2562d" } })[format]().toBuffer();

describe("checking uploaded images", () => {
  it("accepts real photos by their bytes", async () => {
    expect(await checkImage(await photo(800, 600))).toMatchObject({ ok: true, format: "jpeg", width: 800 });
    expect(await checkImage(await photo(400, 400, "png"))).toMatchObject({ ok: true, format: "png" });
  });

  it("refuses a renamed non-image, a tiny picture and an oversized file, each with its own message", async () => {
    expect(await checkImage(Buffer.from("%PDF-1.7 this is not a photo, whatever its name says"))).toEqual({ ok: false, error: "not_image" });
    expect(await checkImage(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' width='900' height='900'/>"))).toEqual({ ok: false, error: "not_image" });
    expect(await checkImage(await photo(120, 90))).toEqual({ ok: false, error: "too_small" });
    expect(await checkImage(Buffer.alloc(MAX_UPLOAD_BYTES + 1))).toEqual({ ok: false, error: "too_large" });
  });

  it("stores the original without its EXIF location, upright, and makes width variants on request", async () => {
    const withGps = await sharp(await photo(1000, 700))
      .withExif({ IFD0: { Make: "PhoneCam" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "7/1 43/1 0/1" } })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const cooperativeId = "11111111-1111-4111-8111-111111111111";
    const assetId = "22222222-2222-4222-8222-222222222222";
    const stored = await storeOriginal(mediaRoot, cooperativeId, assetId, withGps);
    expect(stored).toMatchObject({ width: 1000, height: 700 });
    const original = fs.readFileSync(path.join(mediaRoot, cooperativeId, assetId, "original.webp"));
    const metadata = await sharp(original).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(original.includes(Buffer.from("PhoneCam"))).toBe(false);
    const variant = await variantFile(mediaRoot, { cooperativeId, assetId, width: 320, format: "webp", named: false });
    expect((await sharp(variant!).metadata()).width).toBe(320);
    // A page's simultaneous requests for a new AVIF width encode it once and all get the file.
    const wide = { cooperativeId, assetId, width: 640, format: "avif", named: false } as const;
    const [avif, again] = await Promise.all([variantFile(mediaRoot, wide), variantFile(mediaRoot, wide)]);
    expect(again).toBe(avif);
    expect(await sharp(avif!).metadata()).toMatchObject({ format: "heif", compression: "av1", width: 640 });
  });

  it("serves a width in the format the browser takes, and a named format as named", async () => {
    const cooperativeId = "33333333-3333-4333-8333-333333333333";
    const assetId = "44444444-4444-4444-8444-444444444444";
    await storeOriginal(mediaRoot, cooperativeId, assetId, await photo(900, 900));
    const fetchMedia = async (file: string, accept?: string) => {
      const request = new Request(`http://shop.test/media/${cooperativeId}/${assetId}/${file}`, { headers: accept ? { accept } : {} });
      const response = (await mediaLoader({ request, params: { "*": `${cooperativeId}/${assetId}/${file}` }, context: { mediaRoot } } as never)) as Response;
      const bytes = Buffer.from(await response.arrayBuffer());
      return { type: response.headers.get("content-type"), vary: response.headers.get("vary"), format: (await sharp(bytes).metadata()).format };
    };
    const chromium = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";
    expect(await fetchMedia("w320", chromium)).toEqual({ type: "image/avif", vary: "Accept", format: "heif" });
    expect(await fetchMedia("w320", "image/webp,*/*")).toEqual({ type: "image/webp", vary: "Accept", format: "webp" });
    expect(await fetchMedia("w320")).toEqual({ type: "image/webp", vary: "Accept", format: "webp" });
    // A URL that names its format is that format whatever the browser says, and the same for every cache.
    expect(await fetchMedia("w320.webp", chromium)).toEqual({ type: "image/webp", vary: null, format: "webp" });
    expect(await fetchMedia("w320.avif", "*/*")).toEqual({ type: "image/avif", vary: null, format: "heif" });
    // Widths the pipeline does not make, and anything else, are not found.
    for (const file of ["w321", "w320.png", "w320.", "original"]) {
      await expect(fetchMedia(file, chromium)).rejects.toMatchObject({ init: { status: 404 } });
    }
  });
});
