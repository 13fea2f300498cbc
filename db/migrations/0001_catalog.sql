CREATE TYPE "public"."media_storage" AS ENUM('local', 'cloudinary');--> statement-breakpoint
CREATE TYPE "public"."member_status" AS ENUM('active', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."category_kind" AS ENUM('food', 'craft');--> statement-breakpoint
CREATE TYPE "public"."product_image_role" AS ENUM('product', 'packaging_front', 'label_back', 'other');--> statement-breakpoint
CREATE TYPE "public"."registration_type" AS ENUM('pirt', 'bpom_md', 'bpom_ml', 'none');--> statement-breakpoint
CREATE TYPE "public"."stock_movement_reason" AS ENUM('received', 'damaged', 'correction', 'reserved', 'released', 'returned');--> statement-breakpoint
CREATE TYPE "public"."product_version_state" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'rejected', 'archived');--> statement-breakpoint
CREATE TABLE "cooperative_hosts" (
	"host" text PRIMARY KEY NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"legal_name" text NOT NULL,
	"tagline_id" text DEFAULT '' NOT NULL,
	"tagline_en" text DEFAULT '' NOT NULL,
	"story_id" text DEFAULT '' NOT NULL,
	"story_en" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"village" text DEFAULT '' NOT NULL,
	"district" text DEFAULT '' NOT NULL,
	"regency" text DEFAULT '' NOT NULL,
	"province" text DEFAULT '' NOT NULL,
	"postal_code" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"fee_rate_bp" integer DEFAULT 1000 NOT NULL,
	"payout_hold_days" integer DEFAULT 7 NOT NULL,
	"vat_registered" boolean DEFAULT false NOT NULL,
	"review_skip_price_pct" integer DEFAULT 10 NOT NULL,
	"order_expiry_hours" integer DEFAULT 24 NOT NULL,
	"bank_name" text DEFAULT '' NOT NULL,
	"bank_account_number" text DEFAULT '' NOT NULL,
	"bank_account_holder" text DEFAULT '' NOT NULL,
	"hero_asset_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperatives_fee_rate_bp_range" CHECK ("cooperatives"."fee_rate_bp" between 0 and 10000),
	CONSTRAINT "cooperatives_review_skip_pct_range" CHECK ("cooperatives"."review_skip_price_pct" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "media_assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"storage" "media_storage" NOT NULL,
	"storage_key" text NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"placeholder_color" text DEFAULT '#e7e0d6' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_assets_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "media_assets_dimensions_positive" CHECK ("media_assets"."width" > 0 and "media_assets"."height" > 0)
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"member_number" text NOT NULL,
	"slug" text NOT NULL,
	"business_name" text NOT NULL,
	"owner_name" text NOT NULL,
	"story_id" text DEFAULT '' NOT NULL,
	"story_en" text DEFAULT '' NOT NULL,
	"specialty_id" text DEFAULT '' NOT NULL,
	"specialty_en" text DEFAULT '' NOT NULL,
	"village" text DEFAULT '' NOT NULL,
	"district" text DEFAULT '' NOT NULL,
	"regency" text DEFAULT '' NOT NULL,
	"province" text DEFAULT '' NOT NULL,
	"nib" text,
	"phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"status" "member_status" DEFAULT 'active' NOT NULL,
	"photo_asset_id" uuid,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_cooperative_id_id_key" UNIQUE("cooperative_id","id")
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"kind" "category_kind" NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"description_id" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"fee_rate_bp" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "categories_cooperative_id_id_key" UNIQUE("cooperative_id","id")
);
--> statement-breakpoint
CREATE TABLE "product_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_variants_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "product_variants_stock_not_negative" CHECK ("product_variants"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "product_version_images" (
	"cooperative_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"asset_id" uuid NOT NULL,
	"role" "product_image_role" NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"alt_id" text DEFAULT '' NOT NULL,
	"alt_en" text DEFAULT '' NOT NULL,
	CONSTRAINT "product_version_images_version_id_asset_id_pk" PRIMARY KEY("version_id","asset_id")
);
--> statement-breakpoint
CREATE TABLE "product_version_variants" (
	"cooperative_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"name_id" text DEFAULT '' NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"price" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_version_variants_version_id_variant_id_pk" PRIMARY KEY("version_id","variant_id"),
	CONSTRAINT "product_version_variants_price_positive" CHECK ("product_version_variants"."price" > 0)
);
--> statement-breakpoint
CREATE TABLE "product_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"version_number" integer NOT NULL,
	"state" "product_version_state" DEFAULT 'draft' NOT NULL,
	"category_id" uuid NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text DEFAULT '' NOT NULL,
	"description_id" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"weight_grams" integer NOT NULL,
	"length_mm" integer NOT NULL,
	"width_mm" integer NOT NULL,
	"height_mm" integer NOT NULL,
	"net_quantity" text DEFAULT '' NOT NULL,
	"ingredients_id" text DEFAULT '' NOT NULL,
	"ingredients_en" text DEFAULT '' NOT NULL,
	"allergens_id" text DEFAULT '' NOT NULL,
	"allergens_en" text DEFAULT '' NOT NULL,
	"registration_type" "registration_type" DEFAULT 'none' NOT NULL,
	"registration_number" text,
	"halal_certificate_number" text,
	"shelf_life_days" integer,
	"storage_id" text DEFAULT '' NOT NULL,
	"storage_en" text DEFAULT '' NOT NULL,
	"producer_address" text DEFAULT '' NOT NULL,
	"material_id" text DEFAULT '' NOT NULL,
	"material_en" text DEFAULT '' NOT NULL,
	"size_text" text DEFAULT '' NOT NULL,
	"care_id" text DEFAULT '' NOT NULL,
	"care_en" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_versions_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "product_versions_weight_positive" CHECK ("product_versions"."weight_grams" > 0),
	CONSTRAINT "product_versions_dimensions_positive" CHECK ("product_versions"."length_mm" > 0 and "product_versions"."width_mm" > 0 and "product_versions"."height_mm" > 0),
	CONSTRAINT "product_versions_shelf_life_positive" CHECK ("product_versions"."shelf_life_days" is null or "product_versions"."shelf_life_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"live_version_id" uuid,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"units_sold" integer DEFAULT 0 NOT NULL,
	"search_document" "tsvector",
	"search_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_cooperative_id_id_key" UNIQUE("cooperative_id","id")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"reason" "stock_movement_reason" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_movements_delta_not_zero" CHECK ("stock_movements"."delta" <> 0)
);
--> statement-breakpoint
ALTER TABLE "cooperative_hosts" ADD CONSTRAINT "cooperative_hosts_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_hero_asset_fk" FOREIGN KEY ("id","hero_asset_id") REFERENCES "public"."media_assets"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_photo_fk" FOREIGN KEY ("cooperative_id","photo_asset_id") REFERENCES "public"."media_assets"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_variants" ADD CONSTRAINT "product_variants_product_fk" FOREIGN KEY ("cooperative_id","product_id") REFERENCES "public"."products"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_version_images" ADD CONSTRAINT "product_version_images_version_fk" FOREIGN KEY ("cooperative_id","version_id") REFERENCES "public"."product_versions"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_version_images" ADD CONSTRAINT "product_version_images_asset_fk" FOREIGN KEY ("cooperative_id","asset_id") REFERENCES "public"."media_assets"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_version_variants" ADD CONSTRAINT "product_version_variants_version_fk" FOREIGN KEY ("cooperative_id","version_id") REFERENCES "public"."product_versions"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_version_variants" ADD CONSTRAINT "product_version_variants_variant_fk" FOREIGN KEY ("cooperative_id","variant_id") REFERENCES "public"."product_variants"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_versions" ADD CONSTRAINT "product_versions_product_fk" FOREIGN KEY ("cooperative_id","product_id") REFERENCES "public"."products"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_versions" ADD CONSTRAINT "product_versions_category_fk" FOREIGN KEY ("cooperative_id","category_id") REFERENCES "public"."categories"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_live_version_fk" FOREIGN KEY ("cooperative_id","live_version_id") REFERENCES "public"."product_versions"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variant_fk" FOREIGN KEY ("cooperative_id","variant_id") REFERENCES "public"."product_variants"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cooperatives_slug_key" ON "cooperatives" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "members_cooperative_slug_key" ON "members" USING btree ("cooperative_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "members_cooperative_number_key" ON "members" USING btree ("cooperative_id","member_number");--> statement-breakpoint
CREATE INDEX "members_business_name_trgm_idx" ON "members" USING gin (f_unaccent(lower("business_name")) gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "categories_cooperative_slug_key" ON "categories" USING btree ("cooperative_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "product_variants_cooperative_sku_key" ON "product_variants" USING btree ("cooperative_id","sku");--> statement-breakpoint
CREATE UNIQUE INDEX "product_versions_product_number_key" ON "product_versions" USING btree ("product_id","version_number");--> statement-breakpoint
CREATE INDEX "product_versions_state_idx" ON "product_versions" USING btree ("cooperative_id","state","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "products_cooperative_slug_key" ON "products" USING btree ("cooperative_id","slug");--> statement-breakpoint
CREATE INDEX "products_member_idx" ON "products" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "products_search_document_idx" ON "products" USING gin ("search_document");--> statement-breakpoint
CREATE INDEX "products_search_text_trgm_idx" ON "products" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "stock_movements_variant_idx" ON "stock_movements" USING btree ("cooperative_id","variant_id","created_at");