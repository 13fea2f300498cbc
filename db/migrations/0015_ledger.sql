CREATE TYPE "public"."journal_source_kind" AS ENUM('payment_captured', 'provider_charge', 'refund', 'payout', 'adjustment', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."ledger_account_kind" AS ENUM('provider_clearing', 'bank', 'fee_revenue', 'shipping_revenue', 'provider_charges', 'refunds', 'member_payable');--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"source_kind" "journal_source_kind" NOT NULL,
	"source_id" uuid NOT NULL,
	"order_id" uuid,
	"memo" text DEFAULT '' NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_cooperative_id_id_key" UNIQUE("cooperative_id","id")
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"debit" bigint DEFAULT 0 NOT NULL,
	"credit" bigint DEFAULT 0 NOT NULL,
	"member_id" uuid,
	"order_line_id" uuid,
	CONSTRAINT "journal_lines_one_side" CHECK ("journal_lines"."debit" >= 0 and "journal_lines"."credit" >= 0 and ("journal_lines"."debit" > 0) <> ("journal_lines"."credit" > 0))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"kind" "ledger_account_kind" NOT NULL,
	"provider" "payment_provider",
	"member_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "ledger_accounts_chart_key" UNIQUE NULLS NOT DISTINCT("cooperative_id","kind","provider","member_id"),
	CONSTRAINT "ledger_accounts_provider" CHECK (("ledger_accounts"."kind" = 'provider_clearing') = ("ledger_accounts"."provider" is not null)),
	CONSTRAINT "ledger_accounts_member" CHECK (("ledger_accounts"."kind" = 'member_payable') = ("ledger_accounts"."member_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "sku_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"materials" bigint NOT NULL,
	"packaging" bigint NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sku_costs_variant_day_key" UNIQUE("cooperative_id","variant_id","effective_from"),
	CONSTRAINT "sku_costs_amounts" CHECK ("sku_costs"."materials" >= 0 and "sku_costs"."packaging" >= 0)
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "fee_rate_bp" integer;--> statement-breakpoint
ALTER TABLE "order_lines" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_fk" FOREIGN KEY ("cooperative_id","entry_id") REFERENCES "public"."journal_entries"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_fk" FOREIGN KEY ("cooperative_id","account_id") REFERENCES "public"."ledger_accounts"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_order_line_fk" FOREIGN KEY ("cooperative_id","order_line_id") REFERENCES "public"."order_lines"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_costs" ADD CONSTRAINT "sku_costs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_costs" ADD CONSTRAINT "sku_costs_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sku_costs" ADD CONSTRAINT "sku_costs_variant_fk" FOREIGN KEY ("cooperative_id","variant_id") REFERENCES "public"."product_variants"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_source_key" ON "journal_entries" USING btree ("cooperative_id","source_kind","source_id");--> statement-breakpoint
CREATE INDEX "journal_entries_posted_idx" ON "journal_entries" USING btree ("cooperative_id","posted_at");--> statement-breakpoint
CREATE INDEX "journal_entries_order_idx" ON "journal_entries" USING btree ("cooperative_id","order_id");--> statement-breakpoint
CREATE INDEX "journal_entries_created_by_idx" ON "journal_entries" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "journal_lines" USING btree ("cooperative_id","entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_account_idx" ON "journal_lines" USING btree ("cooperative_id","account_id");--> statement-breakpoint
CREATE INDEX "journal_lines_member_idx" ON "journal_lines" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "journal_lines_order_line_idx" ON "journal_lines" USING btree ("cooperative_id","order_line_id");--> statement-breakpoint
CREATE INDEX "ledger_accounts_member_idx" ON "ledger_accounts" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "sku_costs_member_idx" ON "sku_costs" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "sku_costs_created_by_idx" ON "sku_costs" USING btree ("created_by");--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_fee_rate_bp_range" CHECK ("members"."fee_rate_bp" between 0 and 10000);