ALTER TABLE "products" ADD COLUMN "stock_shown" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Decision 46: a product card's stock is kept on the product with its other listing fields, as shown_stock() of
-- the live version's variants summed, so the cards' statement reads one column instead of summing variants per
-- card. in_stock stays (the listing's indexes lead with it) and equals stock_shown > 0.
DROP FUNCTION product_listing_fields(uuid, uuid);
--> statement-breakpoint
CREATE FUNCTION product_listing_fields(coop uuid, version uuid,
  OUT category_id uuid, OUT price_min bigint, OUT price_max bigint, OUT stock_shown integer)
LANGUAGE sql STABLE AS $$
  SELECT v.category_id,
    (SELECT min(vv.price) FROM product_version_variants vv WHERE vv.cooperative_id = coop AND vv.version_id = version),
    (SELECT max(vv.price) FROM product_version_variants vv WHERE vv.cooperative_id = coop AND vv.version_id = version),
    (SELECT shown_stock(coalesce(sum(pv.stock), 0)::integer) FROM product_version_variants vv
      JOIN product_variants pv ON pv.cooperative_id = vv.cooperative_id AND pv.id = vv.variant_id
      WHERE vv.cooperative_id = coop AND vv.version_id = version)
  FROM product_versions v WHERE v.cooperative_id = coop AND v.id = version
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION products_listing_fields() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f record;
BEGIN
  SELECT * INTO f FROM product_listing_fields(NEW.cooperative_id, NEW.live_version_id);
  NEW.category_id := f.category_id;
  NEW.price_min := f.price_min;
  NEW.price_max := f.price_max;
  NEW.stock_shown := coalesce(f.stock_shown, 0);
  NEW.in_stock := NEW.stock_shown > 0;
  NEW.listed := NEW.live_version_id IS NOT NULL AND NEW.archived_at IS NULL AND NEW.taken_down_at IS NULL AND EXISTS (
    SELECT 1 FROM members m WHERE m.cooperative_id = NEW.cooperative_id AND m.id = NEW.member_id AND m.status = 'active');
  RETURN NEW;
END $$;
--> statement-breakpoint
-- A variant's stock moves its product's shown stock only when it is low before or after (a sum is at least each
-- of its parts: when both are over 5, so is the total, before and after). Before, only a move to or from zero.
DROP TRIGGER product_variants_listing ON product_variants;
--> statement-breakpoint
CREATE TRIGGER product_variants_listing AFTER UPDATE OF stock ON product_variants
  FOR EACH ROW WHEN (OLD.stock IS DISTINCT FROM NEW.stock AND least(OLD.stock, NEW.stock) <= 5) EXECUTE FUNCTION listing_touch();
--> statement-breakpoint
UPDATE products SET live_version_id = live_version_id WHERE live_version_id IS NOT NULL;
--> statement-breakpoint
-- Page cache (decision 25): a product's shown stock now moves on the product, so every list is told from there,
-- with its other listing fields; a variant's own stock tells only its product page.
CREATE OR REPLACE FUNCTION pages_on_product_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.live_version_id IS NOT NULL THEN PERFORM notify_pages(NEW.cooperative_id, '*'); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.live_version_id IS NOT NULL THEN PERFORM notify_pages(OLD.cooperative_id, '*'); END IF;
  ELSIF (OLD.live_version_id IS NOT NULL OR NEW.live_version_id IS NOT NULL)
    AND (OLD.live_version_id, OLD.archived_at, OLD.slug, OLD.member_id, OLD.taken_down_at, OLD.stock_shown)
      IS DISTINCT FROM (NEW.live_version_id, NEW.archived_at, NEW.slug, NEW.member_id, NEW.taken_down_at, NEW.stock_shown) THEN
    PERFORM notify_pages(NEW.cooperative_id, '*');
  ELSIF OLD.featured_position IS DISTINCT FROM NEW.featured_position AND (OLD.listed OR NEW.listed) THEN
    PERFORM notify_pages(NEW.cooperative_id, 'home');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pages_on_stock_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE product record;
BEGIN
  IF shown_stock(OLD.stock) = shown_stock(NEW.stock) THEN RETURN NULL; END IF;
  SELECT p.slug, p.live_version_id INTO product FROM products p WHERE p.cooperative_id = NEW.cooperative_id AND p.id = NEW.product_id;
  IF product.live_version_id IS NOT NULL THEN PERFORM notify_pages(NEW.cooperative_id, 'product:' || product.slug); END IF;
  RETURN NULL;
END $$;
