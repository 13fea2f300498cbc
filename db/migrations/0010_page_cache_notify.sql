-- Page cache invalidation (decision 25): on commit, tell every app process which shop pages changed, on channel
-- etalase_pages as '<cooperative id> <tag>': '*' for every page of the cooperative, 'product:<slug>' for one
-- product's page. Only changes a shopper can see are told; a draft, a stock change that stays "plenty" (over 5),
-- or another cooperative's change evicts nothing.

-- What a shopper is shown of a stock (app/modules/catalog/shop/stock-shown.ts): the count up to 5, else "plenty".
CREATE FUNCTION shown_stock(stock integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN stock > 5 THEN 6 ELSE greatest(stock, 0) END $$;
--> statement-breakpoint
CREATE FUNCTION notify_pages(cooperative uuid, tag text) RETURNS void LANGUAGE sql AS $$ SELECT pg_notify('etalase_pages', cooperative::text || ' ' || tag) $$;
--> statement-breakpoint
CREATE FUNCTION pages_on_product_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.live_version_id IS NOT NULL THEN PERFORM notify_pages(NEW.cooperative_id, '*'); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.live_version_id IS NOT NULL THEN PERFORM notify_pages(OLD.cooperative_id, '*'); END IF;
  ELSIF (OLD.live_version_id IS NOT NULL OR NEW.live_version_id IS NOT NULL)
    AND (OLD.live_version_id, OLD.archived_at, OLD.slug, OLD.member_id) IS DISTINCT FROM (NEW.live_version_id, NEW.archived_at, NEW.slug, NEW.member_id) THEN
    PERFORM notify_pages(NEW.cooperative_id, '*');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pages_on_product_change AFTER INSERT OR UPDATE OR DELETE ON products FOR EACH ROW EXECUTE FUNCTION pages_on_product_change();
--> statement-breakpoint
-- A variant's stock: its product page when what it shows changes; every list when the product's total does.
CREATE FUNCTION pages_on_stock_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  product record;
  total integer;
BEGIN
  -- Plenty before and after: neither the variant nor its product's total (at least as much) shows any change.
  IF OLD.stock > 5 AND NEW.stock > 5 THEN RETURN NULL; END IF;
  SELECT p.slug, p.live_version_id INTO product FROM products p WHERE p.cooperative_id = NEW.cooperative_id AND p.id = NEW.product_id;
  IF product.live_version_id IS NULL THEN RETURN NULL; END IF;
  IF shown_stock(OLD.stock) <> shown_stock(NEW.stock) THEN PERFORM notify_pages(NEW.cooperative_id, 'product:' || product.slug); END IF;
  SELECT coalesce(sum(v.stock), 0) INTO total
    FROM product_version_variants vv JOIN product_variants v ON v.cooperative_id = vv.cooperative_id AND v.id = vv.variant_id
    WHERE vv.cooperative_id = NEW.cooperative_id AND vv.version_id = product.live_version_id;
  IF shown_stock(total) <> shown_stock(total - NEW.stock + OLD.stock) THEN PERFORM notify_pages(NEW.cooperative_id, '*'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pages_on_stock_change AFTER UPDATE OF stock ON product_variants FOR EACH ROW WHEN (OLD.stock IS DISTINCT FROM NEW.stock) EXECUTE FUNCTION pages_on_stock_change();
--> statement-breakpoint
-- Producers, categories, hosts and the cooperative's own settings show on every page (names, links, footer).
CREATE FUNCTION pages_on_cooperative_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM notify_pages(OLD.cooperative_id, '*');
  ELSIF TG_OP = 'INSERT' OR OLD IS DISTINCT FROM NEW THEN
    PERFORM notify_pages(NEW.cooperative_id, '*');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pages_on_cooperative_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD IS DISTINCT FROM NEW THEN PERFORM notify_pages(NEW.id, '*'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pages_on_cooperative_change AFTER UPDATE ON cooperatives FOR EACH ROW EXECUTE FUNCTION pages_on_cooperative_change();
--> statement-breakpoint
CREATE TRIGGER pages_on_member_change AFTER INSERT OR UPDATE OR DELETE ON members FOR EACH ROW EXECUTE FUNCTION pages_on_cooperative_row_change();
--> statement-breakpoint
CREATE TRIGGER pages_on_category_change AFTER INSERT OR UPDATE OR DELETE ON categories FOR EACH ROW EXECUTE FUNCTION pages_on_cooperative_row_change();
--> statement-breakpoint
CREATE TRIGGER pages_on_host_change AFTER INSERT OR UPDATE OR DELETE ON cooperative_hosts FOR EACH ROW EXECUTE FUNCTION pages_on_cooperative_row_change();
--> statement-breakpoint
-- A live version's words, prices and photos are not edited in place (a change is a new version), but if one ever
-- is, shoppers see it at once.
CREATE FUNCTION pages_if_live(cooperative uuid, version uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM products p WHERE p.cooperative_id = cooperative AND p.live_version_id = version) THEN
    PERFORM notify_pages(cooperative, '*');
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION pages_on_live_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM pages_if_live(OLD.cooperative_id, OLD.id); ELSE PERFORM pages_if_live(NEW.cooperative_id, NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pages_on_live_version_part_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN PERFORM pages_if_live(OLD.cooperative_id, OLD.version_id); ELSE PERFORM pages_if_live(NEW.cooperative_id, NEW.version_id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pages_on_live_version_change AFTER UPDATE OR DELETE ON product_versions FOR EACH ROW EXECUTE FUNCTION pages_on_live_version_change();
--> statement-breakpoint
CREATE TRIGGER pages_on_live_variant_change AFTER INSERT OR UPDATE OR DELETE ON product_version_variants FOR EACH ROW EXECUTE FUNCTION pages_on_live_version_part_change();
--> statement-breakpoint
CREATE TRIGGER pages_on_live_photo_change AFTER INSERT OR UPDATE OR DELETE ON product_version_images FOR EACH ROW EXECUTE FUNCTION pages_on_live_version_part_change();
