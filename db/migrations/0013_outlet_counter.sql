CREATE TYPE "public"."order_channel" AS ENUM('online', 'outlet');--> statement-breakpoint
CREATE TYPE "public"."outlet_payment_method" AS ENUM('cash', 'qris_static', 'qris_midtrans');--> statement-breakpoint
CREATE TABLE "outlet_closes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"business_date" date NOT NULL,
	"staff_user_id" uuid,
	"cash_sales" bigint NOT NULL,
	"sales_count" integer NOT NULL,
	"counted" bigint NOT NULL,
	"difference" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outlet_closes_staff_day_key" UNIQUE("cooperative_id","staff_user_id","business_date"),
	CONSTRAINT "outlet_closes_amounts" CHECK ("outlet_closes"."counted" >= 0 and "outlet_closes"."cash_sales" >= 0 and "outlet_closes"."difference" = "outlet_closes"."counted" - "outlet_closes"."cash_sales")
);
--> statement-breakpoint
CREATE TABLE "outlet_sales" (
	"cooperative_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"sold_by" uuid,
	"business_date" date NOT NULL,
	"method" "outlet_payment_method" NOT NULL,
	"cash_given" bigint,
	"change" bigint,
	"qr_string" text,
	"qr_image_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outlet_sales_cooperative_id_order_id_pk" PRIMARY KEY("cooperative_id","order_id"),
	CONSTRAINT "outlet_sales_cash" CHECK (("outlet_sales"."method" = 'cash') = ("outlet_sales"."cash_given" is not null and "outlet_sales"."change" is not null)),
	CONSTRAINT "outlet_sales_change" CHECK ("outlet_sales"."change" is null or "outlet_sales"."change" >= 0)
);
--> statement-breakpoint
CREATE TABLE "outlet_settings" (
	"cooperative_id" uuid PRIMARY KEY NOT NULL,
	"qris_image" "bytea",
	"qris_mime_type" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "channel" "order_channel" DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE "outlet_closes" ADD CONSTRAINT "outlet_closes_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlet_closes" ADD CONSTRAINT "outlet_closes_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlet_sales" ADD CONSTRAINT "outlet_sales_sold_by_users_id_fk" FOREIGN KEY ("sold_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlet_sales" ADD CONSTRAINT "outlet_sales_order_fk" FOREIGN KEY ("cooperative_id","order_id") REFERENCES "public"."orders"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlet_settings" ADD CONSTRAINT "outlet_settings_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outlet_settings" ADD CONSTRAINT "outlet_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outlet_closes_day_idx" ON "outlet_closes" USING btree ("cooperative_id","business_date");--> statement-breakpoint
CREATE INDEX "outlet_closes_staff_idx" ON "outlet_closes" USING btree ("staff_user_id");--> statement-breakpoint
CREATE INDEX "outlet_sales_day_idx" ON "outlet_sales" USING btree ("cooperative_id","business_date","sold_by");--> statement-breakpoint
CREATE INDEX "outlet_sales_sold_by_idx" ON "outlet_sales" USING btree ("sold_by");--> statement-breakpoint
CREATE INDEX "outlet_settings_updated_by_idx" ON "outlet_settings" USING btree ("updated_by");