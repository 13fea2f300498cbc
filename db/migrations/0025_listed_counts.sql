CREATE TABLE "listed_product_counts" (
	"cooperative_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"product_count" integer NOT NULL,
	CONSTRAINT "listed_product_counts_cooperative_id_category_id_member_id_pk" PRIMARY KEY("cooperative_id","category_id","member_id")
);
--> statement-breakpoint
DROP INDEX "members_business_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "listed_product_counts" ADD CONSTRAINT "listed_product_counts_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listed_product_counts_member_idx" ON "listed_product_counts" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "members_business_name_words_idx" ON "members" USING gin ("cooperative_id",to_tsvector('simple', f_unaccent(lower("business_name"))));--> statement-breakpoint
CREATE INDEX "members_business_name_trgm_idx" ON "members" USING gin ("cooperative_id",f_unaccent(lower("business_name")) gin_trgm_ops);--> statement-breakpoint
-- Decision 49: the counts follow the listing once a statement, as the word list does (migration 0009). A changed
-- row takes one from what it counted before (if it was listed) and adds one to what it counts now (if it is);
-- the sums are applied in key order, so concurrent writers lock shared counts in the same order, and a count that
-- reaches zero goes. Stock is not in the key: a sale that empties a product changes in_stock only and writes
-- nothing here, so checkout never waits on these rows.
CREATE FUNCTION products_listed_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cooperative_ids uuid[];
  category_ids uuid[];
  member_ids uuid[];
  deltas integer[];
  gone_cooperatives uuid[];
  gone_categories uuid[];
  gone_members uuid[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(d.cooperative_id), array_agg(d.category_id), array_agg(d.member_id), array_agg(d.delta)
      INTO cooperative_ids, category_ids, member_ids, deltas
      FROM (
        SELECT o.cooperative_id, o.category_id, o.member_id, -1 AS delta FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE o.listed AND (NOT n.listed OR (o.category_id, o.member_id) IS DISTINCT FROM (n.category_id, n.member_id))
        UNION ALL
        SELECT n.cooperative_id, n.category_id, n.member_id, 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE n.listed AND (NOT o.listed OR (o.category_id, o.member_id) IS DISTINCT FROM (n.category_id, n.member_id))
      ) d;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.cooperative_id), array_agg(n.category_id), array_agg(n.member_id), array_agg(1)
      INTO cooperative_ids, category_ids, member_ids, deltas FROM new_rows n WHERE n.listed;
  ELSE
    SELECT array_agg(o.cooperative_id), array_agg(o.category_id), array_agg(o.member_id), array_agg(-1)
      INTO cooperative_ids, category_ids, member_ids, deltas FROM old_rows o WHERE o.listed;
  END IF;
  IF cooperative_ids IS NULL THEN RETURN NULL; END IF;
  WITH summed AS (
    SELECT cooperative_id, category_id, member_id, sum(delta)::integer AS delta
    FROM unnest(cooperative_ids, category_ids, member_ids, deltas) AS d(cooperative_id, category_id, member_id, delta)
    GROUP BY cooperative_id, category_id, member_id HAVING sum(delta) <> 0
  ), counted AS (
    INSERT INTO listed_product_counts AS c (cooperative_id, category_id, member_id, product_count)
    SELECT cooperative_id, category_id, member_id, delta FROM summed ORDER BY cooperative_id, category_id, member_id
    ON CONFLICT (cooperative_id, category_id, member_id) DO UPDATE SET product_count = c.product_count + excluded.product_count
    RETURNING c.cooperative_id, c.category_id, c.member_id, c.product_count
  )
  SELECT array_agg(cooperative_id), array_agg(category_id), array_agg(member_id)
    INTO gone_cooperatives, gone_categories, gone_members FROM counted WHERE product_count <= 0;
  IF gone_cooperatives IS NOT NULL THEN
    DELETE FROM listed_product_counts c USING unnest(gone_cooperatives, gone_categories, gone_members) AS g(cooperative_id, category_id, member_id)
    WHERE c.cooperative_id = g.cooperative_id AND c.category_id = g.category_id AND c.member_id = g.member_id AND c.product_count <= 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_listed_counts_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_listed_counts();
--> statement-breakpoint
CREATE TRIGGER products_listed_counts_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_listed_counts();
--> statement-breakpoint
CREATE TRIGGER products_listed_counts_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION products_listed_counts();
--> statement-breakpoint
INSERT INTO listed_product_counts (cooperative_id, category_id, member_id, product_count)
  SELECT cooperative_id, category_id, member_id, count(*) FROM products WHERE listed GROUP BY 1, 2, 3;
--> statement-breakpoint
ANALYZE listed_product_counts;
