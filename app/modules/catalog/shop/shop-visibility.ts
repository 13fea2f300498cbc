import { sql, type SQL } from "drizzle-orm";

/*
 * What a shopper may see and buy, defined once for every shop query: a product whose approved version is live,
 * that is not archived nor taken off the shop by a manager (decision 30), made by a producer who is an active member. The queries alias products as `p` and
 * members as `m`. The listing and search read the same rule from `products.listed`, which triggers keep equal to it
 * (migration 0009, decision 23); the product page and checkout read the rule itself.
 */
const liveProduct = sql`p.live_version_id is not null and p.archived_at is null and p.taken_down_at is null`;

/** A producer shoppers may see (members joined as `m`). */
export const activeProducer = sql`m.status = 'active'`;

/**
 * A producer whose own page and place in the producers' lists shoppers may see (members as `m`): active, with a
 * public profile the member wrote or confirmed, and at least one listed product (decision 28; the counts of listed
 * products by producer say so, decision 49). The application text is never shown, and a new member's page does not
 * go live with nothing to buy.
 */
export const shownProducer = sql`${activeProducer} and m.profile_confirmed_at is not null
  and exists (select 1 from listed_product_counts lp where lp.cooperative_id = m.cooperative_id and lp.member_id = m.id)`;

/**
 * How many listed products pass `conditions`, summed from the counts kept by producer and category (decision 49).
 * The conditions read the counts as `p`, with the products' own names (`cooperative_id`, `category_id`,
 * `member_id`), so a listing's category and producer filters apply as they are.
 */
export function listedTotal(conditions: SQL[]): SQL {
  return sql`(select coalesce(sum(p.product_count), 0) from listed_product_counts p where ${sql.join(conditions, sql` and `)})`;
}

/** A product shoppers may see and buy, in a query that joins its producer as `m`. */
export const shopperMaySee = sql`${liveProduct} and ${activeProducer}`;

/** The same rule for a query without the producer joined (counts, variants, photos). */
export const shopperMaySeeProduct = sql`${liveProduct}
  and exists (select 1 from members m where m.cooperative_id = p.cooperative_id and m.id = p.member_id and ${activeProducer})`;
