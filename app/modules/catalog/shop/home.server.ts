import { and, eq } from "drizzle-orm";
import type { Db } from "~db/client";
import { mediaAssets } from "~db/schema";
import { localized, type Locale } from "~/lib/i18n/core";
import { imageSources } from "~/modules/media/images";
import type { Cooperative } from "~/modules/tenancy/cooperative.server";
import { listCategories, listTopProducers } from "./browse.server";
import { listHomeShelves } from "./listing.server";

/** Producers on the home page: the ones with the most products; the rest are on /producers. */
export const HOME_PRODUCERS = 6;

/** Featured products on the home page, at most (managers feature up to this many, decision 30). */
export const HOME_FEATURED = 8;

/**
 * The home page: the cooperative's story, the products its managers feature (first), its best sellers and newest
 * products, categories, its main producers.
 */
export async function loadHome(db: Db, cooperative: Cooperative, locale: Locale) {
  const [shelves, categories, producers, hero] = await Promise.all([
    listHomeShelves(db, cooperative.id, locale, { featured: HOME_FEATURED, popular: 8, newest: 4 }),
    listCategories(db, cooperative.id, locale),
    listTopProducers(db, cooperative.id, locale, HOME_PRODUCERS),
    cooperative.heroAssetId ? heroAsset(db, cooperative.id, cooperative.heroAssetId) : undefined,
  ]);
  return {
    story: localized(locale, cooperative.storyId, cooperative.storyEn),
    tagline: localized(locale, cooperative.taglineId, cooperative.taglineEn),
    place: [cooperative.village, cooperative.district, cooperative.regency].filter(Boolean).join(", "),
    hero: hero ? imageSources(hero, cooperative.name, 1280) : null,
    featured: shelves.featured,
    popular: shelves.popular,
    newest: shelves.newest,
    productCount: shelves.listed,
    categories: categories
      .filter((category) => category.productCount > 0)
      .map(({ slug, name, productCount, photo }) => ({ slug, name, productCount, photo })),
    producers,
  };
}

/**
 * A stored image never changes (a new upload is a new asset), so each cooperative's hero is read once per process
 * rather than on every home page; at most `HEROES_KEPT` are kept.
 */
const HEROES_KEPT = 256;
const heroes = new Map<string, typeof mediaAssets.$inferSelect>();

async function heroAsset(db: Db, cooperativeId: string, assetId: string) {
  const key = `${cooperativeId}/${assetId}`;
  const known = heroes.get(key);
  if (known) return known;
  const [asset] = await db
    .select()
    .from(mediaAssets)
    .where(and(eq(mediaAssets.cooperativeId, cooperativeId), eq(mediaAssets.id, assetId)));
  if (!asset) return undefined;
  if (heroes.size >= HEROES_KEPT) heroes.clear();
  heroes.set(key, asset);
  return asset;
}
