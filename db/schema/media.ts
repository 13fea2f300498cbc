import { check, integer, pgEnum, pgTable, text, unique } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { cooperativeId, createdAt, id } from "./columns";
import { cooperatives } from "./tenancy";

export const mediaStorage = pgEnum("media_storage", ["local", "cloudinary"]);

/** An image a cooperative stores: the original's facts; variants are derived by the storage adapter. */
export const mediaAssets = pgTable(
  "media_assets",
  {
    id: id(),
    cooperativeId: cooperativeId().references(() => cooperatives.id, { onDelete: "cascade" }),
    storage: mediaStorage().notNull(),
    /** Where the adapter finds the original: a path under the media root, or a Cloudinary public id. */
    storageKey: text().notNull(),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: integer().notNull(),
    /** A dominant colour, painted while the image loads on slow connections. */
    placeholderColor: text().notNull().default("#e7e0d6"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("media_assets_cooperative_id_id_key").on(t.cooperativeId, t.id),
    check("media_assets_dimensions_positive", sql`${t.width} > 0 and ${t.height} > 0`),
  ],
);
