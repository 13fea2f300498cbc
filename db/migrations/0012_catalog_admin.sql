CREATE TYPE "public"."shop_page_kind" AS ENUM('about', 'returns', 'pickup');--> statement-breakpoint
CREATE TABLE "shop_pages" (
	"cooperative_id" uuid NOT NULL,
	"kind" "shop_page_kind" NOT NULL,
	"body_id" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"map_url" text DEFAULT '' NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_pages_cooperative_id_kind_pk" PRIMARY KEY("cooperative_id","kind"),
	CONSTRAINT "shop_pages_map_url_https" CHECK ("shop_pages"."map_url" = '' or "shop_pages"."map_url" like 'https://%')
);
--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "image_asset_id" uuid;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "categories" ADD COLUMN "moved_to_id" uuid;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "taken_down_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "taken_down_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "taken_down_by" uuid;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "featured_position" integer;--> statement-breakpoint
ALTER TABLE "shop_pages" ADD CONSTRAINT "shop_pages_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_image_asset_fk" FOREIGN KEY ("cooperative_id","image_asset_id") REFERENCES "public"."media_assets"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_moved_to_fk" FOREIGN KEY ("cooperative_id","moved_to_id") REFERENCES "public"."categories"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "categories_image_asset_idx" ON "categories" USING btree ("cooperative_id","image_asset_id");--> statement-breakpoint
CREATE INDEX "categories_moved_to_idx" ON "categories" USING btree ("cooperative_id","moved_to_id");--> statement-breakpoint
CREATE INDEX "products_featured_idx" ON "products" USING btree ("cooperative_id","featured_position") WHERE featured_position is not null;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_featured_position_positive" CHECK ("products"."featured_position" is null or "products"."featured_position" > 0);--> statement-breakpoint
-- Catalog administration (decision 30). A product a manager took off the shop is not listed: the listing fields'
-- trigger now also reads taken_down_at (and fires when it is written), beside live version, archive and producer.
CREATE OR REPLACE FUNCTION products_listing_fields() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE f record;
BEGIN
  SELECT * INTO f FROM product_listing_fields(NEW.cooperative_id, NEW.live_version_id);
  NEW.category_id := f.category_id;
  NEW.price_min := f.price_min;
  NEW.price_max := f.price_max;
  NEW.in_stock := coalesce(f.in_stock, false);
  NEW.listed := NEW.live_version_id IS NOT NULL AND NEW.archived_at IS NULL AND NEW.taken_down_at IS NULL AND EXISTS (
    SELECT 1 FROM members m WHERE m.cooperative_id = NEW.cooperative_id AND m.id = NEW.member_id AND m.status = 'active');
  RETURN NEW;
END $$;
--> statement-breakpoint
DROP TRIGGER products_listing_fields ON products;
--> statement-breakpoint
CREATE TRIGGER products_listing_fields BEFORE INSERT OR UPDATE OF live_version_id, archived_at, member_id, taken_down_at ON products
  FOR EACH ROW EXECUTE FUNCTION products_listing_fields();
--> statement-breakpoint
-- Page cache (decision 25): taking a product down or restoring it changes every list, like archiving; featuring a
-- listed product (or changing the order) changes the home page only ('home').
CREATE OR REPLACE FUNCTION pages_on_product_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.live_version_id IS NOT NULL THEN PERFORM notify_pages(NEW.cooperative_id, '*'); END IF;
  ELSIF TG_OP = 'DELETE' THEN
    IF OLD.live_version_id IS NOT NULL THEN PERFORM notify_pages(OLD.cooperative_id, '*'); END IF;
  ELSIF (OLD.live_version_id IS NOT NULL OR NEW.live_version_id IS NOT NULL)
    AND (OLD.live_version_id, OLD.archived_at, OLD.slug, OLD.member_id, OLD.taken_down_at)
      IS DISTINCT FROM (NEW.live_version_id, NEW.archived_at, NEW.slug, NEW.member_id, NEW.taken_down_at) THEN
    PERFORM notify_pages(NEW.cooperative_id, '*');
  ELSIF OLD.featured_position IS DISTINCT FROM NEW.featured_position AND (OLD.listed OR NEW.listed) THEN
    PERFORM notify_pages(NEW.cooperative_id, 'home');
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The shop's own pages: each shows on its own page only ('shop-page:about', 'shop-page:returns',
-- 'shop-page:pickup'); checkout, which shows the pickup hours, is never kept.
CREATE FUNCTION pages_on_shop_page_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM notify_pages(OLD.cooperative_id, 'shop-page:' || OLD.kind::text);
  ELSIF TG_OP = 'INSERT' OR OLD IS DISTINCT FROM NEW THEN
    PERFORM notify_pages(NEW.cooperative_id, 'shop-page:' || NEW.kind::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER pages_on_shop_page_change AFTER INSERT OR UPDATE OR DELETE ON shop_pages FOR EACH ROW EXECUTE FUNCTION pages_on_shop_page_change();
