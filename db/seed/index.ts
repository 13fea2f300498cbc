import { sql } from "drizzle-orm";
import type { Db } from "../client";
import {
  categories,
  cooperativeHosts,
  cooperatives,
  members,
  productVariants,
  productVersionImages,
  productVersionVariants,
  productVersions,
  products,
  shippingRates,
  stockMovements,
} from "../schema";
import { createLocalAsset } from "~/modules/media/assets.server";
import { hashPassword } from "~/modules/identity/password.server";
import { customerAccounts, memberBankAccounts, memberUsers, staffRoles, users } from "../schema";
import { DEMO_PASSWORD, demoUsers, type DemoUser } from "./demo-users";
import { refreshSearchDocuments } from "~/modules/catalog/shop/search.server";
import { cooperativeHeroSvg, memberPortraitSvg, productArtworkSvg } from "./artwork";
import { imageRoles, seedImage } from "./images";
import { demoContent } from "./demo-content";
import type { DemoContent } from "./types";

export async function hasAnyCooperative(db: Db): Promise<boolean> {
  const rows = await db.execute(sql`select 1 from cooperatives limit 1`);
  return rows.length > 0;
}

/**
 * Writes the demo cooperative (members, categories, approved products with stock and generated photos)
 * in one transaction. Returns the cooperative's id.
 */
export async function seedDemo(
  db: Db,
  options: {
    mediaRoot: string;
    content?: DemoContent;
    images?: boolean;
    users?: DemoUser[];
    /** A folder where drawn pictures are kept between seeds (test shops: decision 41). */
    imageCache?: string;
  },
): Promise<string> {
  const content = options.content ?? demoContent;
  const people = options.users ?? (options.content ? [] : demoUsers);
  const passwordHash = people.length > 0 ? await hashPassword(DEMO_PASSWORD) : "";
  const withImages = options.images ?? true;
  const cooperativeId = await db.transaction(async (tx) => {
    const { hosts, ...cooperativeFields } = content.cooperative;
    const [cooperative] = await tx.insert(cooperatives).values(cooperativeFields).returning({ id: cooperatives.id });
    const cooperativeId = cooperative!.id;
    const asset = async (markup: string) => createLocalAsset(tx, options.mediaRoot, cooperativeId, await seedImage(markup, options.imageCache));

    if (withImages) {
      const heroAssetId = await asset(cooperativeHeroSvg(content.cooperative.name));
      await tx.update(cooperatives).set({ heroAssetId }).where(sql`id = ${cooperativeId}`);
    }
    if (hosts.length > 0) {
      await tx.insert(cooperativeHosts).values(hosts.map((host, index) => ({ host, cooperativeId, isPrimary: index === 0 }))).onConflictDoNothing();
    }
    if (content.delivery) {
      const { rates, ...options } = content.delivery;
      await tx.update(cooperatives).set(options).where(sql`id = ${cooperativeId}`);
      if (rates.length > 0) await tx.insert(shippingRates).values(rates.map((rate) => ({ ...rate, cooperativeId })));
    }

    const categoryIds = new Map<string, string>();
    const insertedCategories = await tx
      .insert(categories)
      .values(content.categories.map((category, position) => ({ ...category, cooperativeId, position })))
      .returning({ id: categories.id, slug: categories.slug });
    for (const category of insertedCategories) categoryIds.set(category.slug, category.id);

    const memberIds = new Map<string, string>();
    await inBatches(content.members, 4, async (member) => {
      const { palette: _palette, ...fields } = member;
      const photoAssetId = withImages ? await asset(memberPortraitSvg(member)) : null;
      const [row] = await tx
        .insert(members)
        .values({ ...fields, cooperativeId, photoAssetId, joinedAt: daysAgo(400 + member.memberNumber.length * 13) })
        .returning({ id: members.id });
      memberIds.set(member.slug, row!.id);
      // Demo payout accounts at Bank Jatim, already confirmed by the treasurer.
      const digits = `${member.memberNumber.replace(/\D/g, "")}${member.phone.replace(/\D/g, "")}`.slice(-10).padStart(10, "0");
      await tx.insert(memberBankAccounts).values({
        cooperativeId,
        memberId: row!.id,
        bankCode: "jatim",
        accountNumber: `0${digits}`,
        holderName: member.ownerName,
        status: "confirmed",
        decidedAt: new Date(),
      });
    });

    await inBatches(content.products, 4, async (product) => {
      const memberId = memberIds.get(product.memberSlug);
      const categoryId = categoryIds.get(product.categorySlug);
      if (!memberId || !categoryId) throw new Error(`Demo product ${product.slug} names an unknown member or category`);
      const publishedAt = daysAgo(product.publishedDaysAgo);
      const [productRow] = await tx
        .insert(products)
        .values({ cooperativeId, memberId, slug: product.slug, publishedAt, unitsSold: product.unitsSold, createdAt: publishedAt })
        .returning({ id: products.id });
      const productId = productRow!.id;
      const { slug: _slug, memberSlug: _m, categorySlug: _c, variants, artwork: _a, publishedDaysAgo: _p, unitsSold: _u, ...facts } = product;
      const [version] = await tx
        .insert(productVersions)
        .values({
          ...facts,
          cooperativeId,
          productId,
          categoryId,
          versionNumber: 1,
          state: "approved",
          submittedAt: publishedAt,
          decidedAt: publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
        })
        .returning({ id: productVersions.id });
      const versionId = version!.id;
      for (const [position, variant] of variants.entries()) {
        const [variantRow] = await tx
          .insert(productVariants)
          .values({ cooperativeId, productId, sku: variant.sku, stock: variant.stock })
          .returning({ id: productVariants.id });
        await tx.insert(productVersionVariants).values({
          cooperativeId,
          versionId,
          variantId: variantRow!.id,
          nameId: variant.nameId,
          nameEn: variant.nameEn,
          price: variant.price,
          position,
        });
        if (variant.stock > 0) {
          await tx.insert(stockMovements).values({
            cooperativeId,
            variantId: variantRow!.id,
            delta: variant.stock,
            reason: "received",
            note: "Stok awal (data demo)",
          });
        }
      }
      for (const [position, image] of withImages ? imageRoles.entries() : []) {
        const assetId = await asset(productArtworkSvg(product, image.role));
        await tx.insert(productVersionImages).values({
          cooperativeId,
          versionId,
          assetId,
          role: image.role,
          position,
          altId: `${product.nameId}, ${image.altId}`,
          altEn: `${product.nameEn || product.nameId}, ${image.altEn}`,
        });
      }
      await tx.update(products).set({ liveVersionId: versionId }).where(sql`id = ${productId}`);
    });

    await refreshSearchDocuments(tx, cooperativeId, "all");

    for (const person of people) {
      await tx.insert(users).values({ email: person.email, name: person.name, passwordHash, isOperator: person.kind === "operator", passwordChangedAt: new Date() }).onConflictDoNothing();
      const [user] = await tx.select({ id: users.id }).from(users).where(sql`email = ${person.email}`);
      if (person.kind === "staff") {
        await tx.insert(staffRoles).values(person.roles.map((role) => ({ cooperativeId, userId: user!.id, role })));
      } else if (person.kind === "member") {
        const member = content.members[person.memberIndex];
        const memberId = member ? memberIds.get(member.slug) : undefined;
        if (memberId) await tx.insert(memberUsers).values({ cooperativeId, memberId, userId: user!.id, role: "owner" });
      } else if (person.kind === "customer") {
        await tx.insert(customerAccounts).values({ cooperativeId, userId: user!.id });
      }
    }
    return cooperativeId;
  });
  // A bulk load leaves the planner without statistics until autovacuum comes by, and it then plans
  // every catalog join as if tables had one row. Fresh statistics now.
  await db.execute(sql`analyze`);
  return cooperativeId;
}

function daysAgo(days: number): Date {
  return new Date(Date.now() - days * 86_400_000);
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(work));
  }
}
