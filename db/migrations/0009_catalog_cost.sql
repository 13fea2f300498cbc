-- Decision 23. btree_gin lets a GIN index lead with the cooperative (full text, word list).
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
CREATE TABLE "search_words" (
	"cooperative_id" uuid NOT NULL,
	"word" text NOT NULL,
	"product_count" integer NOT NULL,
	CONSTRAINT "search_words_cooperative_id_word_pk" PRIMARY KEY("cooperative_id","word")
);
--> statement-breakpoint
DROP INDEX "products_search_document_idx";--> statement-breakpoint
DROP INDEX "products_search_text_trgm_idx";--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "listed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "category_id" uuid;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_min" bigint;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "price_max" bigint;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "in_stock" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "search_words" ADD CONSTRAINT "search_words_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("cooperative_id","word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "members_photo_idx" ON "members" USING btree ("cooperative_id","photo_asset_id");--> statement-breakpoint
CREATE INDEX "membership_applications_member_idx" ON "membership_applications" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "product_variants_product_idx" ON "product_variants" USING btree ("cooperative_id","product_id");--> statement-breakpoint
CREATE INDEX "product_version_images_asset_idx" ON "product_version_images" USING btree ("cooperative_id","asset_id");--> statement-breakpoint
CREATE INDEX "product_version_variants_variant_idx" ON "product_version_variants" USING btree ("cooperative_id","variant_id");--> statement-breakpoint
CREATE INDEX "product_versions_category_idx" ON "product_versions" USING btree ("cooperative_id","category_id");--> statement-breakpoint
CREATE INDEX "products_live_version_idx" ON "products" USING btree ("cooperative_id","live_version_id");--> statement-breakpoint
CREATE INDEX "products_listed_popular_idx" ON "products" USING btree ("cooperative_id","units_sold" DESC NULLS LAST,"id") WHERE listed;--> statement-breakpoint
CREATE INDEX "products_listed_newest_idx" ON "products" USING btree ("cooperative_id","published_at" DESC NULLS LAST,"id") WHERE listed;--> statement-breakpoint
CREATE INDEX "products_listed_price_idx" ON "products" USING btree ("cooperative_id","price_min","id") WHERE listed;--> statement-breakpoint
CREATE INDEX "products_listed_facets_idx" ON "products" USING btree ("cooperative_id","category_id","member_id","in_stock","price_min") WHERE listed;--> statement-breakpoint
CREATE INDEX "products_listed_search_idx" ON "products" USING gin ("cooperative_id","search_document") WHERE listed;--> statement-breakpoint
CREATE INDEX "customer_accounts_user_idx" ON "customer_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "invitations_invited_by_idx" ON "invitations" USING btree ("invited_by_user_id");--> statement-breakpoint
CREATE INDEX "member_users_user_idx" ON "member_users" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "one_time_tokens_cooperative_idx" ON "one_time_tokens" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "one_time_tokens_invitation_idx" ON "one_time_tokens" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "one_time_tokens_sign_up_idx" ON "one_time_tokens" USING btree ("sign_up_id");--> statement-breakpoint
CREATE INDEX "sign_up_requests_cooperative_idx" ON "sign_up_requests" USING btree ("cooperative_id");--> statement-breakpoint
CREATE INDEX "staff_roles_user_idx" ON "staff_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "form_submissions_user_idx" ON "form_submissions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cart_items_variant_idx" ON "cart_items" USING btree ("cooperative_id","variant_id");--> statement-breakpoint
CREATE INDEX "carts_user_idx" ON "carts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("cooperative_id","product_id");--> statement-breakpoint
CREATE INDEX "order_lines_variant_idx" ON "order_lines" USING btree ("cooperative_id","variant_id");--> statement-breakpoint
CREATE INDEX "order_links_order_idx" ON "order_links" USING btree ("cooperative_id","order_id");--> statement-breakpoint
CREATE INDEX "orders_user_id_idx" ON "orders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "payment_proofs_decided_by_idx" ON "payment_proofs" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "provider_accounts_updated_by_idx" ON "provider_accounts" USING btree ("updated_by");
--> statement-breakpoint
-- The listing fields of a product from its live version: category, lowest and highest price, and whether any of
-- its variants has stock. No live version: nulls (and not in stock).
CREATE FUNCTION product_listing_fields(coop uuid, version uuid,
  OUT category_id uuid, OUT price_min bigint, OUT price_max bigint, OUT in_stock boolean)
LANGUAGE sql STABLE AS $$
  SELECT v.category_id,
    (SELECT min(vv.price) FROM product_version_variants vv WHERE vv.cooperative_id = coop AND vv.version_id = version),
    (SELECT max(vv.price) FROM product_version_variants vv WHERE vv.cooperative_id = coop AND vv.version_id = version),
    EXISTS (SELECT 1 FROM product_version_variants vv
      JOIN product_variants pv ON pv.cooperative_id = vv.cooperative_id AND pv.id = vv.variant_id
      WHERE vv.cooperative_id = coop AND vv.version_id = version AND pv.stock > 0)
  FROM product_versions v WHERE v.cooperative_id = coop AND v.id = version
$$;
--> statement-breakpoint
-- Every change that can move a product's listing fields ends here: writes to products name live_version_id (or
-- archived_at, member_id) and this recomputes the rest; other tables' triggers touch live_version_id to get here.
CREATE FUNCTION products_listing_fields() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f record;
BEGIN
  SELECT * INTO f FROM product_listing_fields(NEW.cooperative_id, NEW.live_version_id);
  NEW.category_id := f.category_id;
  NEW.price_min := f.price_min;
  NEW.price_max := f.price_max;
  NEW.in_stock := coalesce(f.in_stock, false);
  NEW.listed := NEW.live_version_id IS NOT NULL AND NEW.archived_at IS NULL AND EXISTS (
    SELECT 1 FROM members m WHERE m.cooperative_id = NEW.cooperative_id AND m.id = NEW.member_id AND m.status = 'active');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_listing_fields BEFORE INSERT OR UPDATE OF live_version_id, archived_at, member_id ON products
  FOR EACH ROW EXECUTE FUNCTION products_listing_fields();
--> statement-breakpoint
-- Writes elsewhere that can move a product's listing fields touch its live_version_id (or member_id), so the
-- trigger above recomputes them, in the same statement: a variant's stock moving to or from zero (other stock
-- changes touch nothing), the prices and variants of a live version (drafts touch no product), a live version's
-- category, a producer suspended or reinstated.
CREATE FUNCTION listing_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  CASE TG_TABLE_NAME
    WHEN 'product_variants' THEN
      UPDATE products SET live_version_id = live_version_id WHERE cooperative_id = r.cooperative_id AND id = r.product_id;
    WHEN 'product_version_variants' THEN
      UPDATE products SET live_version_id = live_version_id WHERE cooperative_id = r.cooperative_id AND live_version_id = r.version_id;
    WHEN 'product_versions' THEN
      UPDATE products SET live_version_id = live_version_id WHERE cooperative_id = r.cooperative_id AND live_version_id = r.id;
    WHEN 'members' THEN
      UPDATE products SET member_id = member_id WHERE cooperative_id = r.cooperative_id AND member_id = r.id;
  END CASE;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER product_variants_listing AFTER UPDATE OF stock ON product_variants
  FOR EACH ROW WHEN ((OLD.stock > 0) IS DISTINCT FROM (NEW.stock > 0)) EXECUTE FUNCTION listing_touch();
--> statement-breakpoint
CREATE TRIGGER product_version_variants_listing AFTER INSERT OR UPDATE OR DELETE ON product_version_variants
  FOR EACH ROW EXECUTE FUNCTION listing_touch();
--> statement-breakpoint
CREATE TRIGGER product_versions_listing AFTER UPDATE OF category_id ON product_versions
  FOR EACH ROW WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id) EXECUTE FUNCTION listing_touch();
--> statement-breakpoint
CREATE TRIGGER members_listing AFTER UPDATE OF status ON members
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION listing_touch();
--> statement-breakpoint
-- The words a search document offers for typo correction: its lexemes of three letters or more, not numbers.
CREATE FUNCTION search_words_of(document tsvector) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(w ORDER BY w), '{}') FROM unnest(tsvector_to_array(document)) w
  WHERE length(w) BETWEEN 3 AND 40 AND w !~ '^[0-9]+$'
$$;
--> statement-breakpoint
-- The word list follows listed products' documents, once a statement (a member's suspension, a bulk load and a
-- single approval alike): counts go up for the words of rows that became listed or got a new document and down for
-- what they held before, in word order (so concurrent writers lock shared words in the same order); a word no
-- listed product holds any more goes. Transition tables rule out a column list, so every update statement on
-- products comes here; one that changes neither (units sold) finds no row and writes nothing.
CREATE FUNCTION products_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cooperative_ids uuid[];
  old_documents tsvector[];
  new_documents tsvector[];
  gone_cooperatives uuid[];
  gone_words text[];
BEGIN
  -- One entry per changed product: its document before (null: it was not listed) and after (null: it is not).
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(n.cooperative_id), array_agg(CASE WHEN o.listed THEN o.search_document END), array_agg(CASE WHEN n.listed THEN n.search_document END)
      INTO cooperative_ids, old_documents, new_documents
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.listed IS DISTINCT FROM n.listed OR (n.listed AND o.search_document IS DISTINCT FROM n.search_document);
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.cooperative_id), array_agg(null::tsvector), array_agg(n.search_document)
      INTO cooperative_ids, old_documents, new_documents FROM new_rows n WHERE n.listed;
  ELSE
    SELECT array_agg(o.cooperative_id), array_agg(o.search_document), array_agg(null::tsvector)
      INTO cooperative_ids, old_documents, new_documents FROM old_rows o WHERE o.listed;
  END IF;
  IF cooperative_ids IS NULL THEN RETURN NULL; END IF;
  WITH changed AS (
    SELECT * FROM unnest(cooperative_ids, old_documents, new_documents) AS c(cooperative_id, old_document, new_document)
  ), deltas AS (
    SELECT cooperative_id, word, sum(delta)::integer AS delta FROM (
      SELECT cooperative_id, unnest(search_words_of(new_document)) AS word, 1 AS delta FROM changed
      UNION ALL
      SELECT cooperative_id, unnest(search_words_of(old_document)), -1 FROM changed
    ) d GROUP BY cooperative_id, word HAVING sum(delta) <> 0
  ), counted AS (
    INSERT INTO search_words AS s (cooperative_id, word, product_count)
    SELECT cooperative_id, word, delta FROM deltas ORDER BY cooperative_id, word
    ON CONFLICT (cooperative_id, word) DO UPDATE SET product_count = s.product_count + excluded.product_count
    RETURNING s.cooperative_id, s.word, s.product_count
  )
  SELECT array_agg(cooperative_id), array_agg(word) INTO gone_cooperatives, gone_words FROM counted WHERE product_count <= 0;
  IF gone_words IS NOT NULL THEN
    DELETE FROM search_words s USING unnest(gone_cooperatives, gone_words) AS g(cooperative_id, word)
    WHERE s.cooperative_id = g.cooperative_id AND s.word = g.word AND s.product_count <= 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER products_search_words_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_search_words();
--> statement-breakpoint
CREATE TRIGGER products_search_words_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION products_search_words();
--> statement-breakpoint
CREATE TRIGGER products_search_words_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION products_search_words();
--> statement-breakpoint
-- How many products a category holds depends on the cooperative: without this, Postgres multiplies the two
-- columns' selectivities and misjudges the category counts' plan.
CREATE STATISTICS products_cooperative_category_stats (dependencies, ndistinct, mcv) ON cooperative_id, category_id FROM products;
--> statement-breakpoint
CREATE STATISTICS product_versions_cooperative_category_stats (dependencies, ndistinct, mcv) ON cooperative_id, category_id FROM product_versions;
--> statement-breakpoint
-- Backfill: touching live_version_id computes every product's listing fields, and the word trigger fills the
-- word list from the products that become listed.
UPDATE products SET live_version_id = live_version_id;
--> statement-breakpoint
ANALYZE products;
--> statement-breakpoint
ANALYZE search_words;
