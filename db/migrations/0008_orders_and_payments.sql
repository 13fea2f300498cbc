CREATE TYPE "public"."delivery_method" AS ENUM('courier', 'local', 'pickup');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'expired', 'refunded', 'partially_refunded');--> statement-breakpoint
CREATE TYPE "public"."payment_provider" AS ENUM('midtrans', 'stripe', 'manual');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'held', 'paid', 'failed', 'expired');--> statement-breakpoint
CREATE TYPE "public"."proof_decision" AS ENUM('confirmed', 'rejected');--> statement-breakpoint
CREATE TABLE "cart_items" (
	"cooperative_id" uuid NOT NULL,
	"cart_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_items_cart_id_variant_id_pk" PRIMARY KEY("cart_id","variant_id"),
	CONSTRAINT "cart_items_quantity_range" CHECK ("cart_items"."quantity" between 1 and 999)
);
--> statement-breakpoint
CREATE TABLE "carts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"token_hash" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carts_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "carts_owner" CHECK (("carts"."token_hash" is null) <> ("carts"."user_id" is null))
);
--> statement-breakpoint
CREATE TABLE "order_counters" (
	"cooperative_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "order_counters_cooperative_id_year_pk" PRIMARY KEY("cooperative_id","year")
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"variant_name" text DEFAULT '' NOT NULL,
	"sku" text NOT NULL,
	"unit_price" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"line_total" bigint NOT NULL,
	"fee_rate_bp" integer NOT NULL,
	"fee" bigint NOT NULL,
	"member_share" bigint NOT NULL,
	"weight_grams" integer NOT NULL,
	CONSTRAINT "order_lines_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "order_lines_amounts" CHECK ("order_lines"."quantity" > 0 and "order_lines"."unit_price" > 0 and "order_lines"."line_total" = "order_lines"."unit_price" * "order_lines"."quantity"),
	CONSTRAINT "order_lines_split" CHECK ("order_lines"."fee" >= 0 and "order_lines"."member_share" >= 0 and "order_lines"."fee" + "order_lines"."member_share" = "order_lines"."line_total"),
	CONSTRAINT "order_lines_fee_rate" CHECK ("order_lines"."fee_rate_bp" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "order_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"number" text NOT NULL,
	"status" "order_status" DEFAULT 'pending_payment' NOT NULL,
	"user_id" uuid,
	"locale" text DEFAULT 'id' NOT NULL,
	"contact_name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text NOT NULL,
	"delivery_method" "delivery_method" NOT NULL,
	"province_code" text,
	"regency_code" text,
	"district_code" text,
	"village_code" text,
	"area_names" jsonb,
	"postal_code" text,
	"street" text DEFAULT '' NOT NULL,
	"place_name" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"subtotal" bigint NOT NULL,
	"shipping" bigint NOT NULL,
	"total" bigint NOT NULL,
	"billable_weight_kg" integer DEFAULT 0 NOT NULL,
	"payment_provider" "payment_provider" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"stock_released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "orders_total" CHECK ("orders"."total" = "orders"."subtotal" + "orders"."shipping" and "orders"."subtotal" > 0 and "orders"."shipping" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payment_proofs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"image" "bytea" NOT NULL,
	"mime_type" text NOT NULL,
	"sender_name" text DEFAULT '' NOT NULL,
	"sender_bank" text DEFAULT '' NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decision" "proof_decision",
	"decision_note" text DEFAULT '' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"reference" text NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"amount" bigint NOT NULL,
	"provider_payment_id" text,
	"redirect_url" text,
	"provider_transaction_id" text,
	"method" text,
	"paid_at" timestamp with time zone,
	"alert" text,
	"alert_resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "provider_accounts" (
	"cooperative_id" uuid NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_hint" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "provider_accounts_cooperative_id_provider_pk" PRIMARY KEY("cooperative_id","provider"),
	CONSTRAINT "provider_accounts_online" CHECK ("provider_accounts"."provider" <> 'manual')
);
--> statement-breakpoint
CREATE TABLE "shipping_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"regency_code" text,
	"first_kg" bigint NOT NULL,
	"next_kg" bigint NOT NULL,
	"eta_days_min" integer DEFAULT 2 NOT NULL,
	"eta_days_max" integer DEFAULT 4 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_rates_area_key" UNIQUE NULLS NOT DISTINCT("cooperative_id","province_code","regency_code"),
	CONSTRAINT "shipping_rates_prices" CHECK ("shipping_rates"."first_kg" >= 0 and "shipping_rates"."next_kg" >= 0),
	CONSTRAINT "shipping_rates_eta" CHECK ("shipping_rates"."eta_days_min" >= 0 and "shipping_rates"."eta_days_max" >= "shipping_rates"."eta_days_min")
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "order_prefix" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "pickup_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "local_delivery_fee" bigint;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "local_delivery_area" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "order_id" uuid;--> statement-breakpoint
CREATE FUNCTION free_order_prefix(slug text, own_id uuid) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  letters text := left(upper(regexp_replace(slug, '[^a-zA-Z]', '', 'g')), 3);
  candidate text;
BEGIN
  IF length(letters) < 2 THEN letters := 'KOP'; END IF;
  candidate := letters;
  FOR n IN 2..99 LOOP
    EXIT WHEN NOT EXISTS (SELECT 1 FROM cooperatives WHERE order_prefix = candidate AND id <> own_id);
    candidate := letters || n;
  END LOOP;
  RETURN candidate;
END $$;--> statement-breakpoint
CREATE FUNCTION fill_order_prefix() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.order_prefix = '' THEN NEW.order_prefix := free_order_prefix(NEW.slug, NEW.id); END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER cooperatives_fill_order_prefix BEFORE INSERT OR UPDATE OF order_prefix ON cooperatives
  FOR EACH ROW EXECUTE FUNCTION fill_order_prefix();--> statement-breakpoint
DO $$
DECLARE row record;
BEGIN
  FOR row IN SELECT id, slug FROM cooperatives ORDER BY created_at LOOP
    UPDATE cooperatives SET order_prefix = free_order_prefix(row.slug, row.id) WHERE id = row.id;
  END LOOP;
END $$;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_cart_fk" FOREIGN KEY ("cooperative_id","cart_id") REFERENCES "public"."carts"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_variant_fk" FOREIGN KEY ("cooperative_id","variant_id") REFERENCES "public"."product_variants"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carts" ADD CONSTRAINT "carts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_counters" ADD CONSTRAINT "order_counters_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_fk" FOREIGN KEY ("cooperative_id","order_id") REFERENCES "public"."orders"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_product_fk" FOREIGN KEY ("cooperative_id","product_id") REFERENCES "public"."products"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_variant_fk" FOREIGN KEY ("cooperative_id","variant_id") REFERENCES "public"."product_variants"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_order_fk" FOREIGN KEY ("cooperative_id","order_id") REFERENCES "public"."orders"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_proofs" ADD CONSTRAINT "payment_proofs_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_proofs" ADD CONSTRAINT "payment_proofs_payment_fk" FOREIGN KEY ("cooperative_id","payment_id") REFERENCES "public"."payments"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_fk" FOREIGN KEY ("cooperative_id","order_id") REFERENCES "public"."orders"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_accounts" ADD CONSTRAINT "provider_accounts_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provider_accounts" ADD CONSTRAINT "provider_accounts_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carts_token_hash_key" ON "carts" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "carts_cooperative_user_key" ON "carts" USING btree ("cooperative_id","user_id");--> statement-breakpoint
CREATE INDEX "carts_updated_idx" ON "carts" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("cooperative_id","order_id");--> statement-breakpoint
CREATE INDEX "order_lines_member_idx" ON "order_lines" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_cooperative_number_key" ON "orders" USING btree ("cooperative_id","number");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("cooperative_id","status","created_at");--> statement-breakpoint
CREATE INDEX "orders_expiry_idx" ON "orders" USING btree ("expires_at") WHERE "orders"."status" = 'pending_payment';--> statement-breakpoint
CREATE INDEX "orders_user_idx" ON "orders" USING btree ("cooperative_id","user_id");--> statement-breakpoint
CREATE INDEX "payment_proofs_payment_idx" ON "payment_proofs" USING btree ("cooperative_id","payment_id");--> statement-breakpoint
CREATE INDEX "payment_proofs_undecided_idx" ON "payment_proofs" USING btree ("cooperative_id","uploaded_at") WHERE "payment_proofs"."decision" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "payments_reference_key" ON "payments" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("cooperative_id","order_id");--> statement-breakpoint
CREATE INDEX "payments_alert_idx" ON "payments" USING btree ("cooperative_id") WHERE "payments"."alert" is not null and "payments"."alert_resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "cooperatives_order_prefix_key" ON "cooperatives" USING btree ("order_prefix");--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_order_prefix_format" CHECK ("cooperatives"."order_prefix" ~ '^[A-Z]{2,5}[0-9]{0,2}$');