import { and, count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, mediaAssets, members, users } from "../../db/schema";
import { createProduct, reviseProduct, saveDraft, saveEdit, submitVersion } from "~/modules/catalog/listings/listings.server";
import { decideListing } from "~/flows/decide-listing.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { editableVersion, listMemberProducts } from "~/modules/catalog/listings/member-products.server";
import { draftContent, readProductForm, storePhotos } from "~/modules/catalog/listings/product-form.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { MAX_UPLOAD_FILES, readMultipartForm } from "~/web/upload.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";
import { productFormFields, allPassed } from "../support/factories";

let database: TestDatabase;
let a: string;
let siti: string;
let curator: string;
let food: { id: string; kind: "food" | "craft" }[];

const png = async (color: string) => sharp({ create: { width: 500, height: 400, channels: 3, background: color } }).png().toBuffer();
const file = async (name: string, color: string) => new File([new Uint8Array(await png(color))], name, { type: "image/png" });
const assetCount = async () => (await database.db.select({ n: count() }).from(mediaAssets).where(eq(mediaAssets.cooperativeId, a)))[0]!.n;

function productForm(categoryId: string, extra: [string, string | File][] = []): FormData {
  const form = new FormData();
  const fields = productFormFields(categoryId);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const [name, value] of extra) form.append(name, value);
  return form;
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a } = await seedTwoCooperatives(database));
  siti = (await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, "dapur-bu-siti"))))[0]!.id;
  const [keripik] = await database.db.select().from(categories).where(and(eq(categories.cooperativeId, a), eq(categories.slug, "keripik")));
  food = [{ id: keripik!.id, kind: "food" }];
  curator = (await database.db.insert(users).values({ email: "kurator@a.test" }).returning())[0]!.id;
});
afterAll(() => database.close());

describe("photos of a listing", () => {
  let productId: string;
  let assets: { assetId: string; role: string }[];

  it("a new product takes extra photos and the member's order; the chosen photo is the cover in the shop", async () => {
    const form = productForm(food[0]!.id, [
      ["photo_product", await file("produk.png", "#c2562d")],
      ["photo_packaging_front", await file("depan.png", "#19737a")],
      ["photo_label_back", await file("label.png", "#e0a526")],
      ["photo_other", await file("saji.png", "#3b8a3e")],
      ["photo_other", await file("tangan.png", "#8a3b63")],
      ["photoOrder", "new:1,slot:product,slot:packaging_front,slot:label_back,new:0"],
    ]);
    const read = await readProductForm(form, food);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const images = await storePhotos(database.db, database.mediaRoot, a, read.photos);
    expect(images.map((image) => image.role)).toEqual(["other", "product", "packaging_front", "label_back", "other"]);
    const created = await createProduct(database.db, {
      cooperativeId: a,
      memberId: siti,
      slug: "kerupuk-tengiri",
      draft: { content: draftContent(read.form), variants: [{ sku: "BNR-TENGIRI-1", nameId: "", nameEn: "", price: read.form.price }], images },
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    productId = created.productId;
    await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId: created.versionId, actorUserId: curator });
    const decided = await decideListing(database.db, { cooperativeId: a, versionId: created.versionId, curatorUserId: curator, action: "approve", checklist: allPassed, comment: "" });
    expect(decided.ok).toBe(true);

    const shop = await listProducts(database.db, a, parseCatalogQuery(new URLSearchParams({ q: "tengiri" })), "id");
    expect(shop.items[0]?.image?.src).toContain(images[0]!.assetId);

    const editable = await editableVersion(database.db, a, siti, productId);
    assets = editable!.images;
    expect(editable!.images.map((image) => image.role)).toEqual(["other", "product", "packaging_front", "label_back", "other"]);
    expect(editable!.images.every((image) => image.preview?.src.includes(image.assetId))).toBe(true);
  });

  it("an edit replaces a required photo in place, removes an extra, and moves the product photo to the cover", async () => {
    const [firstExtra, product, front, label, secondExtra] = assets;
    const form = productForm(food[0]!.id, [
      ["photo_packaging_front", await file("depan-baru.png", "#0f4c51")],
      ["removePhoto", firstExtra!.assetId],
      ["photoOrder", `slot:product,asset:${firstExtra!.assetId},slot:packaging_front,slot:label_back,asset:${secondExtra!.assetId}`],
    ]);
    const read = await readProductForm(form, food, assets as never);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const images = await storePhotos(database.db, database.mediaRoot, a, read.photos);
    expect(images.map((image) => image.assetId)).toEqual([product!.assetId, expect.any(String), label!.assetId, secondExtra!.assetId]);
    expect(images[1]!.assetId).not.toBe(front!.assetId);
    expect(images[1]!.role).toBe("packaging_front");

    const revised = await reviseProduct(database.db, { cooperativeId: a, memberId: siti, productId });
    expect(revised.ok).toBe(true);
    if (!revised.ok) return;
    const saved = await saveDraft(database.db, {
      cooperativeId: a,
      memberId: siti,
      versionId: revised.versionId,
      draft: { content: draftContent(read.form), variants: [{ sku: "BNR-TENGIRI-1", nameId: "", nameEn: "", price: 18_000 }], images },
    });
    expect(saved.ok).toBe(true);
    const editable = await editableVersion(database.db, a, siti, productId);
    expect(editable!.images.map((image) => image.assetId)).toEqual(images.map((image) => image.assetId));
    // The member's list shows the cover they just chose; the shop keeps the live version's photos until
    // the new one is approved.
    const listed = (await listMemberProducts(database.db, a, siti, "id")).find((item) => item.id === productId);
    expect(listed?.cover?.src).toContain(product!.assetId);
    const shop = await listProducts(database.db, a, parseCatalogQuery(new URLSearchParams({ q: "tengiri" })), "id");
    expect(shop.items[0]?.image?.src).toContain(firstExtra!.assetId);
  });

  it("an edit saves and submits in one transaction: a refused submit leaves the open draft as it was", async () => {
    const before = await editableVersion(database.db, a, siti, productId);
    const read = await readProductForm(productForm(food[0]!.id, [["nameId", "Kerupuk Tengiri Super"]]), food, before!.images);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const draft = { content: draftContent(read.form), variants: before!.variants, images: before!.images.filter((image) => image.role !== "label_back") };
    const refused = await saveEdit(database.db, { cooperativeId: a, memberId: siti, productId, actorUserId: curator, draft, submit: true });
    expect(refused).toEqual({ ok: false, error: "photos_missing" });
    const after = await editableVersion(database.db, a, siti, productId);
    expect(after!.version.id).toBe(before!.version.id);
    expect(after!.version.name_id).toBe(before!.version.name_id);
    expect(after!.images.map((image) => image.assetId)).toEqual(before!.images.map((image) => image.assetId));

    const sent = await saveEdit(database.db, { cooperativeId: a, memberId: siti, productId, actorUserId: curator, draft: { ...draft, images: before!.images }, submit: true });
    expect(sent).toEqual({ ok: true, versionId: before!.version.id, state: "in_review" });
  });

  it("refuses a seventh extra photo and a renamed non-image, storing nothing", async () => {
    const before = await assetCount();
    const extras: [string, File][] = await Promise.all(Array.from({ length: 7 }, async (_, n) => ["photo_other", await file(`lain-${n}.png`, "#444444")] as [string, File]));
    const tooMany = await readProductForm(productForm(food[0]!.id, extras), food, assets as never);
    expect(tooMany.ok).toBe(false);
    expect(!tooMany.ok && tooMany.errors.photo_other).toBe("product.error.tooManyPhotos");

    const renamed = await readProductForm(
      productForm(food[0]!.id, [["photo_other", new File([new TextEncoder().encode("%PDF-1.4 bukan foto")], "foto.jpg", { type: "image/jpeg" })]]),
      food,
      assets as never,
    );
    expect(!renamed.ok && renamed.errors.photo_other).toBe("upload.error.notImage");

    const missing = await readProductForm(productForm(food[0]!.id), food);
    expect(!missing.ok && missing.errors).toMatchObject({
      photo_product: "product.error.photoRequired",
      photo_packaging_front: "product.error.photoRequired",
      photo_label_back: "product.error.photoRequired",
    });
    expect(await assetCount()).toBe(before);
  });

  it(`refuses a form with more than ${MAX_UPLOAD_FILES} files before reading them all`, async () => {
    const body = new FormData();
    for (let n = 0; n <= MAX_UPLOAD_FILES; n++) body.append("photo_other", new File([new Uint8Array(10)], `f${n}.png`, { type: "image/png" }));
    const read = await readMultipartForm(new Request("http://shop.test/member/products/new", { method: "POST", body }));
    expect(read).toEqual({ refused: "upload.error.tooMany", status: 413 });
  });
});
