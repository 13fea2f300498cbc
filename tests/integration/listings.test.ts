import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { categories, listingReviews, memberUsers, members, outboxEmails, productVersions, products, stockMovements, users } from "../../db/schema";
import { listAudit } from "~/modules/audit/audit.server";
import { auditActors, listAuditStory } from "~/modules/audit/audit-story.queries.server";
import { listMemberProducts, recentReviewOutcomes } from "~/modules/catalog/listings/member-products.server";
import { getReviewItem, listReviewQueue } from "~/modules/catalog/listings/review.server";
import { getProductDetail } from "~/modules/catalog/shop/product.server";
import { listProducts } from "~/modules/catalog/shop/listing.server";
import { archiveProduct, createProduct, duplicateProduct, reviseProduct, saveDraft, submitVersion, type Draft, type DraftImage } from "~/modules/catalog/listings/listings.server";
import { createListing } from "~/flows/create-listing.server";
import { decideListing } from "~/flows/decide-listing.server";
import { parseCatalogQuery } from "~/modules/catalog/shop/query";
import { createLocalAsset } from "~/modules/media/assets.server";
import { allPassed } from "../support/factories";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { seedTwoCooperatives } from "../support/catalog-fixture";

let database: TestDatabase;
let a: string;
let b: string;
let siti: string;
let mawar: string;
let curator: string;
let draft: Draft;
let allImages: DraftImage[];

const searchA = async (q: string) =>
  (await listProducts(database.db, a, parseCatalogQuery(new URLSearchParams({ q })), "id")).items.map((item) => item.slug);

beforeAll(async () => {
  database = await createTestDatabase();
  ({ a, b } = await seedTwoCooperatives(database));
  const memberId = async (slug: string) =>
    (await database.db.select().from(members).where(and(eq(members.cooperativeId, a), eq(members.slug, slug))))[0]!.id;
  siti = await memberId("dapur-bu-siti");
  mawar = await memberId("batik-mawar");
  curator = (await database.db.insert(users).values({ email: "kurator@a.test" }).returning())[0]!.id;
  const [sitiUser] = await database.db.insert(users).values({ email: "siti@a.test", locale: "en", passwordHash: "scrypt$x" }).returning();
  await database.db.insert(memberUsers).values({ cooperativeId: a, memberId: siti, userId: sitiUser!.id, role: "owner" });
  const [keripik] = await database.db.select().from(categories).where(and(eq(categories.cooperativeId, a), eq(categories.slug, "keripik")));
  const photo = async (color: string) =>
    createLocalAsset(database.db, database.mediaRoot, a, await sharp({ create: { width: 600, height: 600, channels: 3, background: color } }).png().toBuffer());
  const images: DraftImage[] = [
    { assetId: await photo("#c2562d"), role: "product" },
    { assetId: await photo("#19737a"), role: "packaging_front" },
    { assetId: await photo("#e0a526"), role: "label_back" },
  ];
  draft = {
    content: {
      categoryId: keripik!.id,
      nameId: "Keripik Talas Ungu",
      nameEn: "Purple Taro Chips",
      descriptionId: "Talas ungu dari lereng Argopuro, diiris tipis.",
      weightGrams: 150,
      lengthMm: 200,
      widthMm: 130,
      heightMm: 40,
      netQuantity: "100 g",
      ingredientsId: "Talas, minyak kelapa, garam",
      registrationType: "pirt",
      registrationNumber: "206351301014799",
      halalCertificateNumber: "ID35130000102310999",
      shelfLifeDays: 180,
    },
    variants: [{ sku: "BNR-TALAS-100", nameId: "", nameEn: "", price: 20_000 }],
    images: images.slice(0, 2),
  };
  allImages = images;
});
afterAll(() => database.close());

describe("the listing workflow", () => {
  let productId: string;
  let versionId: string;

  it("needs the product, packaging-front and back-label photos before review", async () => {
    const created = await createProduct(database.db, { cooperativeId: a, memberId: siti, slug: "keripik-talas-ungu", draft });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    ({ productId, versionId } = created);
    expect(await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId, actorUserId: curator })).toEqual({ ok: false, error: "photos_missing" });
  });

  it("a member cannot change or submit another member's product, nor another cooperative's; SKUs stay unique", async () => {
    const clash = await createProduct(database.db, { cooperativeId: a, memberId: mawar, slug: "tiruan", draft });
    expect(clash).toEqual({ ok: false, error: "sku_taken" });
    expect(await database.db.select().from(products).where(and(eq(products.cooperativeId, a), eq(products.slug, "tiruan")))).toEqual([]);
    expect(await saveDraft(database.db, { cooperativeId: a, memberId: mawar, versionId, draft })).toEqual({ ok: false, error: "not_found" });
    expect(await submitVersion(database.db, { cooperativeId: a, memberId: mawar, versionId, actorUserId: curator })).toEqual({ ok: false, error: "not_found" });
    expect(await saveDraft(database.db, { cooperativeId: b, memberId: siti, versionId, draft })).toEqual({ ok: false, error: "not_found" });
    expect(await reviseProduct(database.db, { cooperativeId: a, memberId: mawar, productId })).toEqual({ ok: false, error: "not_found" });
  });

  it("goes through review: changes requested with the checklist, fixed, approved, then live and searchable", async () => {
    const withPhotos = { ...draft, images: allImages };
    expect(await saveDraft(database.db, { cooperativeId: a, memberId: siti, versionId, draft: withPhotos })).toEqual({ ok: true });
    expect(await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId, actorUserId: curator })).toEqual({ ok: true, state: "in_review" });
    expect(await saveDraft(database.db, { cooperativeId: a, memberId: siti, versionId, draft: withPhotos })).toEqual({ ok: false, error: "not_editable" });
    expect(await searchA("talas")).toEqual([]);

    const checklist = { labelLegible: { pass: false, comment: "Foto label buram, ulangi dengan cahaya terang" }, netWeight: { pass: true, comment: "" } };
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "request_changes", checklist, comment: "Perbaiki foto label" })).toEqual({ ok: true });
    const [review] = await database.db.select().from(listingReviews).where(eq(listingReviews.versionId, versionId));
    expect(review).toMatchObject({ decision: "changes_requested", checklist, comment: "Perbaiki foto label" });
    // The member's dashboard shows the outcome with the items to fix; no other member sees it.
    expect(await recentReviewOutcomes(database.db, a, siti)).toEqual([
      expect.objectContaining({ productId, decision: "changes_requested", awaitingFix: true, comment: "Perbaiki foto label", notes: [{ item: "labelLegible", comment: "Foto label buram, ulangi dengan cahaya terang" }] }),
    ]);
    expect(await recentReviewOutcomes(database.db, a, mawar)).toEqual([]);
    expect(await recentReviewOutcomes(database.db, b, siti)).toEqual([]);

    expect(await saveDraft(database.db, { cooperativeId: a, memberId: siti, versionId, draft: withPhotos })).toEqual({ ok: true });
    expect(await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId, actorUserId: curator })).toEqual({ ok: true, state: "in_review" });
    expect(await decideListing(database.db, { cooperativeId: b, versionId, curatorUserId: curator, action: "approve", checklist: {}, comment: "" })).toEqual({ ok: false, error: "not_found" });
    // The curator's rule holds in the module, whoever calls: no approval with items to fix, no send-back without a reason.
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "approve", checklist, comment: "" })).toEqual({ ok: false, error: "approve_with_changes" });
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "reject", checklist: {}, comment: "  " })).toEqual({ ok: false, error: "reason_missing" });
    // Approval needs every item of the product's own checklist passed: left out or left undecided, nothing is written.
    const reviewsBefore = (await database.db.select().from(listingReviews).where(eq(listingReviews.versionId, versionId))).length;
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "approve", checklist: {}, comment: "Bagus" })).toEqual({
      ok: false,
      error: "approve_undecided",
      undecided: ["photos", "labelLegible", "netQuantity", "registration", "halal", "shelfLife", "packaging", "claims"],
    });
    const { halal: _halal, ...allButHalal } = allPassed;
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "approve", checklist: { ...allButHalal, halal: { pass: null, comment: "" } }, comment: "" })).toEqual({
      ok: false,
      error: "approve_undecided",
      undecided: ["halal"],
    });
    expect((await database.db.select().from(listingReviews).where(eq(listingReviews.versionId, versionId))).length).toBe(reviewsBefore);
    expect((await database.db.select({ state: productVersions.state }).from(productVersions).where(eq(productVersions.id, versionId)))[0]?.state).toBe("in_review");
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "approve", checklist: allPassed, comment: "Bagus" })).toEqual({ ok: true });
    expect(await decideListing(database.db, { cooperativeId: a, versionId, curatorUserId: curator, action: "reject", checklist: {}, comment: "Sudah tayang" })).toEqual({ ok: false, error: "invalid_transition" });

    expect(await searchA("talas")).toEqual(["keripik-talas-ungu"]);
    expect((await recentReviewOutcomes(database.db, a, siti)).map((outcome) => [outcome.decision, outcome.awaitingFix])).toEqual([
      ["approved", false],
      ["changes_requested", false],
    ]);
    expect((await getProductDetail(database.db, a, "keripik-talas-ungu", "en"))?.name).toBe("Purple Taro Chips");
    expect((await listAudit(database.db, a, { action: "listing.", page: 1 })).items.map((item) => item.action)).toEqual([
      "listing.approved",
      "listing.submitted",
      "listing.changes_requested",
      "listing.submitted",
    ]);
    // Staff read the log in words: the curator and the product by name, resolved inside the cooperative.
    await database.db.update(users).set({ name: "Ibu Yuyun" }).where(eq(users.id, curator));
    const story = await listAuditStory(database.db, a, "id", { kind: "listing", page: 1 });
    expect(story.items.map((item) => [item.action, item.actorName, item.subject])).toEqual([
      ["listing.approved", "Ibu Yuyun", "Keripik Talas Ungu"],
      ["listing.submitted", "Ibu Yuyun", "Keripik Talas Ungu"],
      ["listing.changes_requested", "Ibu Yuyun", "Keripik Talas Ungu"],
      ["listing.submitted", "Ibu Yuyun", "Keripik Talas Ungu"],
    ]);
    expect(story.items[0]?.subjectHref).toBe(`/admin/review/${versionId}`);
    expect((await listAuditStory(database.db, a, "en", { actorUserId: curator, page: 1 })).items[0]?.subject).toBe("Purple Taro Chips");
    expect((await listAuditStory(database.db, a, "id", { kind: "stock", actorUserId: curator, page: 1 })).total).toBe(0);
    expect((await listAuditStory(database.db, b, "id", { kind: "listing", page: 1 })).items.map((item) => item.entityId)).not.toContain(versionId);
    expect(await auditActors(database.db, a)).toContainEqual({ id: curator, name: "Ibu Yuyun" });
    expect(await auditActors(database.db, b)).not.toContainEqual(expect.objectContaining({ id: curator }));
    const mails = await database.db.select().from(outboxEmails).where(eq(outboxEmails.toAddress, "siti@a.test")).orderBy(outboxEmails.createdAt);
    expect(mails.map((mail) => mail.subject)).toEqual(["Purple Taro Chips: a few things to fix", "Purple Taro Chips is now in the shop"]);
    expect(mails[0]!.textBody).toContain("Label legible and in Indonesian: Foto label buram, ulangi dengan cahaya terang");
  });

  it("editing a live product makes a new draft; the approved version stays live until the new one is approved", async () => {
    const revised = await reviseProduct(database.db, { cooperativeId: a, memberId: siti, productId });
    if (!revised.ok) throw new Error(revised.error);
    expect(revised.versionId).not.toBe(versionId);
    const [again] = [await reviseProduct(database.db, { cooperativeId: a, memberId: siti, productId })];
    expect(again).toEqual({ ok: true, versionId: revised.versionId });
    const current = await getProductDetail(database.db, a, "keripik-talas-ungu", "id");
    const renamed = { ...draft, content: { ...draft.content, nameId: "Keripik Talas Ungu Pedas" }, variants: current!.variants.map((v) => ({ variantId: v.id, sku: v.sku, nameId: "", nameEn: "", price: v.price })), images: current!.images.map((image) => ({ assetId: image.src.split("/")[3]!, role: image.role })) };
    expect(await saveDraft(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, draft: renamed })).toEqual({ ok: true });
    expect(await submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, actorUserId: curator })).toEqual({ ok: true, state: "in_review" });
    expect((await getProductDetail(database.db, a, "keripik-talas-ungu", "id"))?.name).toBe("Keripik Talas Ungu");
    expect(await searchA("pedas talas")).toEqual([]);
    await decideListing(database.db, { cooperativeId: a, versionId: revised.versionId, curatorUserId: curator, action: "approve", checklist: allPassed, comment: "" });
    expect((await getProductDetail(database.db, a, "keripik-talas-ungu", "id"))?.name).toBe("Keripik Talas Ungu Pedas");
    const states = await database.db.select({ n: productVersions.versionNumber, state: productVersions.state }).from(productVersions).where(eq(productVersions.productId, productId));
    expect(states.sort((x, y) => x.n - y.n).map((s) => s.state)).toEqual(["archived", "approved"]);
  });

  it("a price change within the cooperative's limit goes live without review; a larger one waits", async () => {
    const priceTo = async (price: number) => {
      const revised = await reviseProduct(database.db, { cooperativeId: a, memberId: siti, productId });
      if (!revised.ok) throw new Error(revised.error);
      const current = await getProductDetail(database.db, a, "keripik-talas-ungu", "id");
      const content = { ...draft.content, nameId: "Keripik Talas Ungu Pedas" };
      const variants = current!.variants.map((v) => ({ variantId: v.id, sku: v.sku, nameId: "", nameEn: "", price }));
      const images = current!.images.map((image) => ({ assetId: image.src.split("/")[3]!, role: image.role }));
      await saveDraft(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, draft: { content, variants, images } });
      return submitVersion(database.db, { cooperativeId: a, memberId: siti, versionId: revised.versionId, actorUserId: curator });
    };
    expect(await priceTo(22_000)).toEqual({ ok: true, state: "approved" });
    expect((await getProductDetail(database.db, a, "keripik-talas-ungu", "id"))?.variants[0]?.price).toBe(22_000);
    expect(await priceTo(30_000)).toEqual({ ok: true, state: "in_review" });
    expect((await getProductDetail(database.db, a, "keripik-talas-ungu", "id"))?.variants[0]?.price).toBe(22_000);
    const [product] = await database.db.select().from(products).where(eq(products.id, productId));
    expect(product?.publishedAt).not.toBeNull();
  });

  it("lists a member's own products with status, pending version and stock, and no one else's", async () => {
    const own = await listMemberProducts(database.db, a, siti, "id");
    expect(own.find((p) => p.slug === "keripik-talas-ungu")).toMatchObject({ status: "live", pending: "in_review", name: "Keripik Talas Ungu Pedas", variants: [{ sku: "BNR-TALAS-100", price: 22_000, stock: 0 }] });
    expect(own.map((p) => p.slug).sort()).toEqual(["abon-ikan-tongkol", "keripik-pisang", "keripik-singkong-balado", "keripik-talas-ungu"]);
    expect((await listMemberProducts(database.db, a, mawar, "id")).map((p) => p.slug)).toEqual(["batik-tulis-mangga"]);
    expect(await listMemberProducts(database.db, b, siti, "id")).toEqual([]);
  });

  it("shows curators the waiting versions oldest first, and what changed against the live version", async () => {
    const queue = await listReviewQueue(database.db, a, "id");
    expect(queue.map((item) => [item.name, item.isEdit])).toEqual([["Keripik Talas Ungu Pedas", true]]);
    expect(queue[0]!.cover?.src).toContain(allImages[0]!.assetId);
    expect(await listReviewQueue(database.db, b, "id")).toEqual([]);
    const item = await getReviewItem(database.db, a, queue[0]!.versionId, "id");
    expect(item?.isEdit).toBe(true);
    expect(item?.fields.filter((field) => field.changed).map((field) => field.field)).toEqual(["variants"]);
    expect(item?.fields.find((field) => field.field === "variants")).toMatchObject({ live: "BNR-TALAS-100: Rp 22.000", value: "BNR-TALAS-100: Rp 30.000" });
    expect(item?.checklist).toContain("halal");
    expect(item?.images.map((image) => image.role)).toEqual(["product", "packaging_front", "label_back"]);
    expect(await getReviewItem(database.db, b, queue[0]!.versionId, "id")).toBeUndefined();
    expect(await getReviewItem(database.db, a, "bukan-uuid", "id")).toBeUndefined();
  });

  it("duplicates a product as a draft with new SKUs and the same photos, and archives one off the shop", async () => {
    expect(await duplicateProduct(database.db, { cooperativeId: a, memberId: mawar, productId })).toEqual({ ok: false, error: "not_found" });
    const copy = await duplicateProduct(database.db, { cooperativeId: a, memberId: siti, productId });
    if (!copy.ok) throw new Error(copy.error);
    const own = await listMemberProducts(database.db, a, siti, "id");
    const copied = own.find((p) => p.id === copy.productId);
    expect(copied).toMatchObject({ status: "draft", name: "Keripik Talas Ungu Pedas (salinan)" });
    expect(copied?.variants[0]?.sku).toMatch(/^BNR-TALAS-100-/);
    expect(copied?.variants[0]?.stock).toBe(0);

    expect(await archiveProduct(database.db, { cooperativeId: a, memberId: mawar, productId, actorUserId: curator })).toEqual({ ok: false, error: "not_found" });
    expect(await archiveProduct(database.db, { cooperativeId: a, memberId: siti, productId, actorUserId: curator })).toEqual({ ok: true });
    expect(await searchA("talas")).toEqual([]);
    expect(await getProductDetail(database.db, a, "keripik-talas-ungu", "id")).toBeUndefined();
    expect((await listMemberProducts(database.db, a, siti, "id")).find((p) => p.id === productId)?.status).toBe("archived");
    expect(await listReviewQueue(database.db, a, "id")).toEqual([]);
  });
});

describe("listing a new product with its starting stock (the create-listing flow)", () => {
  it("receives each variant's starting stock with the new product, in one transaction", async () => {
    const twoSizes: Draft = {
      ...draft,
      variants: [
        { sku: "BNR-TALAS-PEDAS-100", nameId: "100 g", nameEn: "", price: 20_000 },
        { sku: "BNR-TALAS-PEDAS-250", nameId: "250 g", nameEn: "", price: 45_000 },
      ],
    };
    const created = await createListing(database.db, { cooperativeId: a, memberId: siti, actorUserId: curator, slug: "talas-pedas", draft: twoSizes, initialStock: [5, 12], submit: false });
    if (!created.ok) throw new Error(created.error);
    const listed = (await listMemberProducts(database.db, a, siti, "id")).find((p) => p.id === created.productId);
    expect(listed?.variants.map((v) => [v.sku, v.stock])).toEqual([["BNR-TALAS-PEDAS-100", 5], ["BNR-TALAS-PEDAS-250", 12]]);
    const movements = await database.db.select().from(stockMovements).where(eq(stockMovements.cooperativeId, a));
    expect(movements.filter((m) => m.reason === "received" && [5, 12].includes(m.delta))).toHaveLength(2);

    // A clash on the second SKU refuses the whole product: no product, no stock received.
    const before = (await database.db.select().from(stockMovements)).length;
    const clash = await createListing(database.db, {
      cooperativeId: a,
      memberId: siti,
      actorUserId: curator,
      slug: "talas-pedas-lagi",
      draft: { ...twoSizes, variants: [{ ...twoSizes.variants[0]!, sku: "BNR-BARU-1" }, twoSizes.variants[1]!] },
      initialStock: [7, 7],
      submit: false,
    });
    expect(clash).toEqual({ ok: false, error: "sku_taken" });
    expect((await database.db.select().from(stockMovements)).length).toBe(before);
    expect(await database.db.select().from(products).where(eq(products.slug, "talas-pedas-lagi"))).toEqual([]);

    // So does a refusal to send it to review (no photos): the product and its received stock go with it.
    const unsent = await createListing(database.db, {
      cooperativeId: a,
      memberId: siti,
      actorUserId: curator,
      slug: "talas-tanpa-foto",
      draft: { ...twoSizes, variants: [{ ...twoSizes.variants[0]!, sku: "BNR-TANPA-FOTO-1" }], images: [] },
      initialStock: [4],
      submit: true,
    });
    expect(unsent).toEqual({ ok: false, error: "photos_missing" });
    expect((await database.db.select().from(stockMovements)).length).toBe(before);
    expect(await database.db.select().from(products).where(eq(products.slug, "talas-tanpa-foto"))).toEqual([]);
  });
});
