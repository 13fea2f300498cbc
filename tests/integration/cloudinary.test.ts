import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCloudinaryAsset,
  createCloudinaryStorage,
  parseCloudinaryUrl,
} from "~/modules/media/cloudinary.server";
import { imageSources, srcSetOf } from "~/modules/media/images";
import { cooperatives, mediaAssets } from "../../db/schema";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { FakeCloudinary } from "../support/fake-cloudinary";

const account = { cloudName: "koperasi-demo", apiKey: "123456789012345", apiSecret: "s3cr3t-abc_DEF" };
const cloudinaryUrl = `cloudinary://${account.apiKey}:${account.apiSecret}@${account.cloudName}`;

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#2d7ac2" } }).png().toBuffer();

let db: TestDatabase;
let fake: FakeCloudinary;
let cooperativeId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  fake = new FakeCloudinary(account);
  await fake.start();
  const [row] = await db.db
    .insert(cooperatives)
    .values({ slug: "koperasi-cloud", name: "Koperasi Cloud", legalName: "Koperasi Cloud Sejahtera" })
    .returning({ id: cooperatives.id });
  cooperativeId = row!.id;
});

afterAll(async () => {
  await fake?.stop();
  await db?.close();
});

describe("Cloudinary storage", () => {
  it("uploads through the real SDK with a signed request and records a cloudinary asset", async () => {
    const storage = createCloudinaryStorage({ url: cloudinaryUrl, uploadPrefix: fake.uploadPrefix });
    const assetId = await createCloudinaryAsset(db.db, storage, cooperativeId, await png(1200, 800));

    const publicId = `etalase/${cooperativeId}/${assetId}`;
    const received = fake.uploads.get(`${account.cloudName}/${publicId}`);
    expect(received).toBeDefined();
    expect(received!.fields).toMatchObject({ api_key: account.apiKey, public_id: publicId, overwrite: "0" });
    expect(received!.fields.signature).toMatch(/^[0-9a-f]{40}$/);
    expect(received!.fields).not.toHaveProperty("api_secret");

    const [asset] = await db.db.select().from(mediaAssets).where(eq(mediaAssets.id, assetId));
    expect(asset).toMatchObject({
      cooperativeId,
      storage: "cloudinary",
      storageKey: `${account.cloudName}/${publicId}`,
      width: 1200,
      height: 800,
      bytes: received!.file.length,
      mimeType: "image/webp",
      placeholderColor: expect.stringMatching(/^#[0-9a-f]{6}$/) as unknown,
    });

    const sources = imageSources(
      { id: asset!.id, cooperativeId, storage: "cloudinary", storageKey: asset!.storageKey, width: asset!.width, height: asset!.height, placeholderColor: asset!.placeholderColor },
      "Kopi",
    );
    const base = `https://res.cloudinary.com/${account.cloudName}/image/upload`;
    expect(sources.src).toBe(`${base}/f_auto,q_auto,c_limit,w_640/${publicId}`);
    expect(srcSetOf(sources)).toContain(`${base}/f_auto,q_auto,c_limit,w_160/${publicId} 160w`);
    expect(srcSetOf(sources)).toContain(`${base}/f_auto,q_auto,c_limit,w_960/${publicId} 960w`);
    expect(srcSetOf(sources)).not.toContain("w_1280");
  });

  it("drops EXIF (GPS included) before the photo leaves the server", async () => {
    const withGps = await sharp(await png(700, 500))
      .withExif({ IFD0: { Make: "PhoneCam" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "7/1 43/1 0/1" } })
      .jpeg()
      .toBuffer();
    const storage = createCloudinaryStorage({ url: cloudinaryUrl, uploadPrefix: fake.uploadPrefix });
    const assetId = await createCloudinaryAsset(db.db, storage, cooperativeId, withGps);
    const received = fake.uploads.get(`${account.cloudName}/etalase/${cooperativeId}/${assetId}`)!;
    expect((await sharp(received.file).metadata()).exif).toBeUndefined();
    expect(received.file.includes(Buffer.from("PhoneCam"))).toBe(false);
  });

  it("is refused with a wrong API secret, and records nothing", async () => {
    const before = await db.db.select().from(mediaAssets);
    const uploadsBefore = fake.uploads.size;
    const storage = createCloudinaryStorage({
      url: `cloudinary://${account.apiKey}:not-the-secret@${account.cloudName}`,
      uploadPrefix: fake.uploadPrefix,
    });
    await expect(createCloudinaryAsset(db.db, storage, cooperativeId, await png(400, 400))).rejects.toThrow(
      /Invalid Signature/,
    );
    expect(fake.requests.at(-1)?.status).toBe(401);
    expect(fake.uploads.size).toBe(uploadsBefore);
    expect(await db.db.select().from(mediaAssets)).toHaveLength(before.length);
  });

  it("does not share credentials between instances", async () => {
    const other = { cloudName: "other-cloud", apiKey: "999", apiSecret: "other-secret" };
    const otherFake = new FakeCloudinary(other);
    await otherFake.start();
    try {
      const first = createCloudinaryStorage({ url: cloudinaryUrl, uploadPrefix: fake.uploadPrefix });
      const second = createCloudinaryStorage({
        url: `cloudinary://${other.apiKey}:${other.apiSecret}@${other.cloudName}`,
        uploadPrefix: otherFake.uploadPrefix,
        folder: "toko",
      });
      const image = await png(300, 300);
      const ids = { cooperativeId, assetId: "33333333-3333-4333-8333-333333333333" };
      const [a, b] = await Promise.all([first.upload(image, ids), second.upload(image, ids)]);
      expect(a.storageKey).toBe(`${account.cloudName}/etalase/${ids.cooperativeId}/${ids.assetId}`);
      expect(b.storageKey).toBe(`${other.cloudName}/toko/${ids.cooperativeId}/${ids.assetId}`);
    } finally {
      await otherFake.stop();
    }
  });

  it("parses cloudinary:// URLs and rejects malformed ones without echoing the secret", () => {
    expect(parseCloudinaryUrl("cloudinary://123:abc-DEF_9@my-cloud")).toEqual({
      cloudName: "my-cloud",
      apiKey: "123",
      apiSecret: "abc-DEF_9",
    });
    for (const bad of [
      "",
      "https://123:hunter2@my-cloud",
      "cloudinary://123@my-cloud",
      "cloudinary://:hunter2@my-cloud",
      "cloudinary://123:hunter2@",
      "cloudinary://123:hunter2@my cloud",
      "cloudinary://123:hunter2@my-cloud/extra",
    ]) {
      expect(() => parseCloudinaryUrl(bad), bad).toThrow(/Invalid Cloudinary URL/);
      try {
        parseCloudinaryUrl(bad);
      } catch (error) {
        expect(String(error)).not.toContain("hunter2");
      }
    }
  });
});
