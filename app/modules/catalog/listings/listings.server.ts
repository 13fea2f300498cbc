import { and, asc, eq, max, sql } from "drizzle-orm";
import type { Db } from "~db/client";
import {
  categories,
  cooperatives,
  listingReviews,
  productVariants,
  productVersionImages,
  productVersionVariants,
  productVersions,
  products,
} from "~db/schema";
import { allOrNothing, type ErrorTable, type Refused } from "~/lib/results";
import { recordAudit } from "~/modules/audit/audit.server";
import { checkCuratorDecision, checklistItems, type Checklist, type CuratorDecision, type CuratorDecisionRefusal } from "./checklist";
import { requiredPhotoRoles, type PhotoRole } from "./photo-plan";
import { skuStamp } from "./sku";
import { canSkipReview, type ReviewableVersion } from "./review-skip";
import { refreshSearchDocuments } from "../shop/search.server";
import { isEditable, transition } from "./versions";

/**
 * The workflow behind the member's product editor and the curator's queue: drafts, submission,
 * decisions, and publishing an approved version as the live one. Every function is one transaction.
 */
export type VersionRow = typeof productVersions.$inferSelect;
export type DraftContent = Omit<
  typeof productVersions.$inferInsert,
  "id" | "cooperativeId" | "productId" | "versionNumber" | "state" | "submittedAt" | "decidedAt" | "createdAt" | "updatedAt"
>;
export interface DraftVariant {
  /** An existing SKU of this product; absent for a new one. */
  variantId?: string;
  sku: string;
  nameId: string;
  nameEn: string;
  price: number;
}
export interface DraftImage {
  assetId: string;
  role: PhotoRole;
  altId?: string;
  altEn?: string;
}
export interface Draft {
  content: DraftContent;
  variants: DraftVariant[];
  images: DraftImage[];
}

export const catalogErrors = {
  not_found: { status: 404, message: "stock.error.variant" },
  not_editable: { status: 409, message: "product.error.saveFailed" },
  invalid_transition: { status: 409, message: "review.error.decided" },
  photos_missing: { status: 409, message: "product.error.saveFailed" },
  no_variants: { status: 409, message: "product.error.saveFailed" },
  sku_taken: { status: 409, message: "product.error.saveFailed" },
  approve_with_changes: { status: 422, message: "review.error.approveWithChanges" },
  approve_undecided: { status: 422, message: "review.error.undecided" },
  reason_missing: { status: 422, message: "review.error.explain" },
} satisfies ErrorTable;

export type WorkflowError = keyof typeof catalogErrors;
export type WorkflowResult<T = object> = ({ ok: true } & T) | Refused<WorkflowError>;

/**
 * A new product as a first draft; `variantIds` are its SKUs in the draft's order. Starting stock and sending it
 * to review are the create-listing flow's.
 */
export async function createProduct(
  db: Db,
  input: { cooperativeId: string; memberId: string; slug: string; draft: Draft },
): Promise<WorkflowResult<{ productId: string; versionId: string; variantIds: string[] }>> {
  if (input.draft.variants.length === 0) return { ok: false, error: "no_variants" };
  return allOrNothing(db, async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({ cooperativeId: input.cooperativeId, memberId: input.memberId, slug: input.slug })
      .returning({ id: products.id });
    const [version] = await tx
      .insert(productVersions)
      .values({ ...input.draft.content, cooperativeId: input.cooperativeId, productId: product!.id, versionNumber: 1, state: "draft" })
      .returning();
    const written = await writeVariantsAndImages(tx, version!, input.draft);
    if (!written.ok) return written;
    const variants = await tx
      .select({ variantId: productVersionVariants.variantId })
      .from(productVersionVariants)
      .where(eq(productVersionVariants.versionId, version!.id))
      .orderBy(asc(productVersionVariants.position));
    return { ok: true as const, productId: product!.id, versionId: version!.id, variantIds: variants.map((row) => row.variantId) };
  });
}

/** A member's version of their own product, locked for the change. */
async function lockOwnVersion(db: Db, cooperativeId: string, versionId: string, memberId?: string) {
  const [row] = await db
    .select({ version: productVersions, memberId: products.memberId, liveVersionId: products.liveVersionId })
    .from(productVersions)
    .innerJoin(products, and(eq(products.cooperativeId, productVersions.cooperativeId), eq(products.id, productVersions.productId)))
    .where(and(eq(productVersions.cooperativeId, cooperativeId), eq(productVersions.id, versionId)))
    .for("update", { of: productVersions });
  if (!row || (memberId && row.memberId !== memberId)) return undefined;
  return row;
}

export async function saveDraft(
  db: Db,
  input: { cooperativeId: string; memberId: string; versionId: string; draft: Draft },
): Promise<WorkflowResult> {
  if (input.draft.variants.length === 0) return { ok: false, error: "no_variants" };
  return allOrNothing(db, async (tx) => {
    const locked = await lockOwnVersion(tx, input.cooperativeId, input.versionId, input.memberId);
    if (!locked) return { ok: false as const, error: "not_found" as const };
    if (!isEditable(locked.version.state)) return { ok: false as const, error: "not_editable" as const };
    await tx
      .update(productVersions)
      .set({ ...input.draft.content, updatedAt: new Date() })
      .where(eq(productVersions.id, locked.version.id));
    await tx.delete(productVersionVariants).where(eq(productVersionVariants.versionId, locked.version.id));
    await tx.delete(productVersionImages).where(eq(productVersionImages.versionId, locked.version.id));
    return writeVariantsAndImages(tx, locked.version, input.draft);
  });
}

async function writeVariantsAndImages(db: Db, version: VersionRow, draft: Draft): Promise<WorkflowResult> {
  for (const [position, variant] of draft.variants.entries()) {
    let variantId = variant.variantId;
    if (variantId) {
      const [own] = await db
        .select({ id: productVariants.id })
        .from(productVariants)
        .where(and(eq(productVariants.cooperativeId, version.cooperativeId), eq(productVariants.id, variantId), eq(productVariants.productId, version.productId)));
      if (!own) return { ok: false, error: "not_found" };
    } else {
      await db
        .insert(productVariants)
        .values({ cooperativeId: version.cooperativeId, productId: version.productId, sku: variant.sku, stock: 0 })
        .onConflictDoNothing();
      // A SKU is the cooperative's: reuse it when it is this product's own, refuse it when another's.
      const [bySku] = await db
        .select({ id: productVariants.id, productId: productVariants.productId })
        .from(productVariants)
        .where(and(eq(productVariants.cooperativeId, version.cooperativeId), eq(productVariants.sku, variant.sku)));
      if (!bySku || bySku.productId !== version.productId) return { ok: false, error: "sku_taken" };
      variantId = bySku.id;
    }
    await db.insert(productVersionVariants).values({
      cooperativeId: version.cooperativeId,
      versionId: version.id,
      variantId,
      nameId: variant.nameId,
      nameEn: variant.nameEn,
      price: variant.price,
      position,
    });
  }
  if (draft.images.length > 0) {
    await db.insert(productVersionImages).values(
      draft.images.map((image, position) => ({
        cooperativeId: version.cooperativeId,
        versionId: version.id,
        assetId: image.assetId,
        role: image.role,
        position,
        altId: image.altId ?? "",
        altEn: image.altEn ?? "",
      })),
    );
  }
  return { ok: true };
}

/**
 * Editing a live product: a new draft copied from the newest version, while the approved one stays live.
 * An open draft (or one sent back) is reused rather than duplicated.
 */
export async function reviseProduct(
  db: Db,
  input: { cooperativeId: string; memberId: string; productId: string },
): Promise<WorkflowResult<{ versionId: string }>> {
  return db.transaction(async (tx) => {
    const [product] = await tx
      .select()
      .from(products)
      .where(and(eq(products.cooperativeId, input.cooperativeId), eq(products.id, input.productId), eq(products.memberId, input.memberId)))
      .for("update");
    if (!product) return { ok: false as const, error: "not_found" as const };
    const versions = await tx
      .select()
      .from(productVersions)
      .where(and(eq(productVersions.cooperativeId, input.cooperativeId), eq(productVersions.productId, product.id)))
      .orderBy(asc(productVersions.versionNumber));
    const open = versions.find((version) => isEditable(version.state) || version.state === "in_review");
    if (open) return { ok: true as const, versionId: open.id };
    const source = versions.find((version) => version.id === product.liveVersionId) ?? versions[versions.length - 1]!;
    const { id: _id, versionNumber: _n, state: _s, submittedAt: _sa, decidedAt: _d, createdAt: _c, updatedAt: _u, ...content } = source;
    const [{ highest } = { highest: 0 }] = await tx
      .select({ highest: max(productVersions.versionNumber) })
      .from(productVersions)
      .where(eq(productVersions.productId, product.id));
    const [draft] = await tx
      .insert(productVersions)
      .values({ ...content, versionNumber: (highest ?? 0) + 1, state: "draft" })
      .returning({ id: productVersions.id });
    await tx.execute(sql`
      insert into product_version_variants (cooperative_id, version_id, variant_id, name_id, name_en, price, position)
      select cooperative_id, ${draft!.id}, variant_id, name_id, name_en, price, position from product_version_variants where version_id = ${source.id}`);
    await tx.execute(sql`
      insert into product_version_images (cooperative_id, version_id, asset_id, role, position, alt_id, alt_en)
      select cooperative_id, ${draft!.id}, asset_id, role, position, alt_id, alt_en from product_version_images where version_id = ${source.id}`);
    return { ok: true as const, versionId: draft!.id };
  });
}

/**
 * A member's edit as one transaction: a new draft of a live product (or the open one), its content saved,
 * and with `submit` sent to review (or live, within the review-skip limit). A refusal anywhere leaves
 * nothing behind.
 */
export async function saveEdit(
  db: Db,
  input: { cooperativeId: string; memberId: string; productId: string; actorUserId: string; draft: Draft; submit: boolean },
): Promise<WorkflowResult<{ versionId: string; state: "draft" | "in_review" | "approved" }>> {
  return allOrNothing(db, async (tx) => {
    const revised = await reviseProduct(tx, { cooperativeId: input.cooperativeId, memberId: input.memberId, productId: input.productId });
    if (!revised.ok) return revised;
    const saved = await saveDraft(tx, { cooperativeId: input.cooperativeId, memberId: input.memberId, versionId: revised.versionId, draft: input.draft });
    if (!saved.ok) return saved;
    if (!input.submit) return { ok: true as const, versionId: revised.versionId, state: "draft" as const };
    const submitted = await submitVersion(tx, { cooperativeId: input.cooperativeId, memberId: input.memberId, versionId: revised.versionId, actorUserId: input.actorUserId });
    if (!submitted.ok) return submitted;
    return { ok: true as const, versionId: revised.versionId, state: submitted.state };
  });
}

/**
 * Sends a version to the curator, once it has the three photos. When the product is live and the only
 * change is prices within the cooperative's limit, it goes live at once (recorded as `auto_approved`).
 */
export async function submitVersion(
  db: Db,
  input: { cooperativeId: string; memberId: string; versionId: string; actorUserId: string },
): Promise<WorkflowResult<{ state: "in_review" | "approved" }>> {
  return db.transaction(async (tx) => {
    const locked = await lockOwnVersion(tx, input.cooperativeId, input.versionId, input.memberId);
    if (!locked) return { ok: false as const, error: "not_found" as const };
    const moved = transition(locked.version.state, "submit");
    if (!moved.ok) return { ok: false as const, error: "invalid_transition" as const };
    const roles = new Set(
      (await tx.select({ role: productVersionImages.role }).from(productVersionImages).where(eq(productVersionImages.versionId, locked.version.id))).map(
        (row) => row.role,
      ),
    );
    if (!requiredPhotoRoles.every((role) => roles.has(role))) return { ok: false as const, error: "photos_missing" as const };
    await tx
      .update(productVersions)
      .set({ state: "in_review", submittedAt: new Date(), updatedAt: new Date() })
      .where(eq(productVersions.id, locked.version.id));
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "listing.submitted",
      entityType: "product_version",
      entityId: locked.version.id,
      before: { state: locked.version.state },
      after: { state: "in_review" },
    });
    if (locked.liveVersionId) {
      const [cooperative] = await tx.select({ limit: cooperatives.reviewSkipPricePct }).from(cooperatives).where(eq(cooperatives.id, input.cooperativeId));
      const [live, draft] = await Promise.all([reviewable(tx, locked.liveVersionId), reviewable(tx, locked.version.id)]);
      if (canSkipReview(live, draft, cooperative?.limit ?? 0)) {
        await publish(tx, { ...input, version: locked.version, previousLiveId: locked.liveVersionId, decision: "auto_approved", curatorUserId: null, checklist: {}, comment: "" });
        return { ok: true as const, state: "approved" as const };
      }
    }
    return { ok: true as const, state: "in_review" as const };
  });
}

export interface CuratorDecisionInput {
  cooperativeId: string;
  versionId: string;
  curatorUserId: string;
  action: CuratorDecision;
  checklist: Checklist;
  comment: string;
  ipAddress?: string;
}

/**
 * A curator's decision on a version under review (pass the caller's transaction): approving publishes it
 * (search follows); asking for changes or rejecting records the review. Audited either way. Telling the
 * member is the decide-listing flow's.
 */
export async function recordCuratorDecision(
  db: Db,
  input: CuratorDecisionInput,
): Promise<WorkflowResult<{ version: VersionRow; memberId: string; decision: "approved" | "changes_requested" | "rejected" }> | CuratorDecisionRefusal> {
  const locked = await lockOwnVersion(db, input.cooperativeId, input.versionId);
  if (!locked) return { ok: false, error: "not_found" };
  // The items come from the version's own category, not from the form: a post that leaves items out approves nothing.
  const [category] = await db
    .select({ kind: categories.kind })
    .from(categories)
    .where(and(eq(categories.cooperativeId, input.cooperativeId), eq(categories.id, locked.version.categoryId)));
  const rule = checkCuratorDecision(input.action, input.checklist, input.comment, checklistItems[category?.kind ?? "food"]);
  if (!rule.ok) return rule;
  const moved = transition(locked.version.state, input.action);
  if (!moved.ok) return { ok: false, error: "invalid_transition" };
  const found = { version: locked.version, memberId: locked.memberId };
  if (input.action === "approve") {
    await publish(db, { ...input, version: locked.version, previousLiveId: locked.liveVersionId, decision: "approved" });
    return { ok: true, ...found, decision: "approved" };
  }
  const decision = input.action === "reject" ? "rejected" : "changes_requested";
  await db.update(productVersions).set({ state: moved.to, decidedAt: new Date(), updatedAt: new Date() }).where(eq(productVersions.id, locked.version.id));
  await db.insert(listingReviews).values({
    cooperativeId: input.cooperativeId,
    versionId: locked.version.id,
    curatorUserId: input.curatorUserId,
    decision,
    checklist: input.checklist,
    comment: input.comment,
  });
  await recordAudit(db, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.curatorUserId,
    action: `listing.${moved.to}`,
    entityType: "product_version",
    entityId: locked.version.id,
    before: { state: locked.version.state },
    after: { state: moved.to, comment: input.comment },
    ipAddress: input.ipAddress,
  });
  return { ok: true, ...found, decision };
}

/** Makes an approved version the live one: the previous live version is archived, search follows. */
async function publish(
  db: Db,
  input: {
    cooperativeId: string;
    version: VersionRow;
    previousLiveId: string | null;
    decision: "approved" | "auto_approved";
    curatorUserId: string | null;
    checklist: Checklist;
    comment: string;
    ipAddress?: string;
    actorUserId?: string;
  },
) {
  const now = new Date();
  if (input.previousLiveId && input.previousLiveId !== input.version.id) {
    await db.update(productVersions).set({ state: "archived", updatedAt: now }).where(eq(productVersions.id, input.previousLiveId));
  }
  await db.update(productVersions).set({ state: "approved", decidedAt: now, updatedAt: now }).where(eq(productVersions.id, input.version.id));
  await db
    .update(products)
    .set({ liveVersionId: input.version.id, publishedAt: sql`coalesce(${products.publishedAt}, now())`, updatedAt: now })
    .where(and(eq(products.cooperativeId, input.cooperativeId), eq(products.id, input.version.productId)));
  await db.insert(listingReviews).values({
    cooperativeId: input.cooperativeId,
    versionId: input.version.id,
    curatorUserId: input.curatorUserId,
    decision: input.decision,
    checklist: input.checklist,
    comment: input.comment,
  });
  await refreshSearchDocuments(db, input.cooperativeId, { productId: input.version.productId });
  await recordAudit(db, {
    cooperativeId: input.cooperativeId,
    actorUserId: input.curatorUserId ?? input.actorUserId ?? null,
    action: `listing.${input.decision}`,
    entityType: "product_version",
    entityId: input.version.id,
    before: { state: input.version.state, liveVersionId: input.previousLiveId },
    after: { state: "approved", liveVersionId: input.version.id },
    ipAddress: input.ipAddress,
  });
}

/** A version as the review-skip rule compares it: content fields, photos in order, variants. */
async function reviewable(db: Db, versionId: string): Promise<ReviewableVersion> {
  const [version] = await db.select().from(productVersions).where(eq(productVersions.id, versionId));
  const [variants, images] = await Promise.all([
    db
      .select({ variantId: productVersionVariants.variantId, nameId: productVersionVariants.nameId, nameEn: productVersionVariants.nameEn, price: productVersionVariants.price })
      .from(productVersionVariants)
      .where(eq(productVersionVariants.versionId, versionId))
      .orderBy(asc(productVersionVariants.position)),
    db
      .select({ assetId: productVersionImages.assetId, role: productVersionImages.role })
      .from(productVersionImages)
      .where(eq(productVersionImages.versionId, versionId))
      .orderBy(asc(productVersionImages.position)),
  ]);
  const { id: _i, versionNumber: _n, state: _s, submittedAt: _sa, decidedAt: _d, createdAt: _c, updatedAt: _u, ...content } = version!;
  return { content: { ...content, images }, variants };
}

/** Takes a product off the shop for good: it and any open version are archived; stock and history stay. */
export async function archiveProduct(
  db: Db,
  input: { cooperativeId: string; memberId: string; productId: string; actorUserId: string },
): Promise<WorkflowResult> {
  return allOrNothing(db, async (tx): Promise<WorkflowResult> => {
    const [product] = await tx
      .update(products)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          eq(products.cooperativeId, input.cooperativeId),
          eq(products.id, input.productId),
          eq(products.memberId, input.memberId),
          sql`${products.archivedAt} is null`,
        ),
      )
      .returning({ id: products.id });
    if (!product) return { ok: false, error: "not_found" };
    await tx.execute(sql`
      update product_versions set state = 'archived', updated_at = now()
      where cooperative_id = ${input.cooperativeId} and product_id = ${product.id}
        and state in ('draft', 'in_review', 'changes_requested')`);
    await recordAudit(tx, {
      cooperativeId: input.cooperativeId,
      actorUserId: input.actorUserId,
      action: "listing.archived",
      entityType: "product",
      entityId: product.id,
      after: { archived: true },
    });
    return { ok: true };
  });
}

/**
 * Starts a new product from an existing one (same text, label facts and photos; new SKUs, no stock), as a
 * draft: the quick way to list another flavour or size sold separately.
 */
export async function duplicateProduct(
  db: Db,
  input: { cooperativeId: string; memberId: string; productId: string },
): Promise<WorkflowResult<{ productId: string; versionId: string }>> {
  const [source] = await db
    .select({ product: products, version: productVersions })
    .from(products)
    .innerJoin(productVersions, and(eq(productVersions.cooperativeId, products.cooperativeId), eq(productVersions.productId, products.id)))
    .where(and(eq(products.cooperativeId, input.cooperativeId), eq(products.id, input.productId), eq(products.memberId, input.memberId)))
    .orderBy(sql`${productVersions.id} = ${products.liveVersionId} desc`, sql`${productVersions.versionNumber} desc`)
    .limit(1);
  if (!source) return { ok: false, error: "not_found" };
  const [variants, images] = await Promise.all([
    db
      .select({ sku: productVariants.sku, nameId: productVersionVariants.nameId, nameEn: productVersionVariants.nameEn, price: productVersionVariants.price })
      .from(productVersionVariants)
      .innerJoin(productVariants, eq(productVariants.id, productVersionVariants.variantId))
      .where(eq(productVersionVariants.versionId, source.version.id))
      .orderBy(asc(productVersionVariants.position)),
    db
      .select({ assetId: productVersionImages.assetId, role: productVersionImages.role, altId: productVersionImages.altId, altEn: productVersionImages.altEn })
      .from(productVersionImages)
      .where(eq(productVersionImages.versionId, source.version.id))
      .orderBy(asc(productVersionImages.position)),
  ]);
  const { id: _i, cooperativeId: _c, productId: _p, versionNumber: _n, state: _s, submittedAt: _sa, decidedAt: _d, createdAt: _ca, updatedAt: _u, ...content } = source.version;
  const suffix = skuStamp();
  return createProduct(db, {
    cooperativeId: input.cooperativeId,
    memberId: input.memberId,
    slug: `${source.product.slug.slice(0, 60)}-${suffix.toLowerCase()}`,
    draft: {
      content: { ...content, nameId: `${content.nameId} (salinan)` },
      variants: variants.map((variant) => ({ ...variant, sku: `${variant.sku.slice(0, 40)}-${suffix}` })),
      images,
    },
  });
}
