CREATE TYPE "public"."payout_run_status" AS ENUM('draft', 'approved', 'exported', 'finished', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."payout_status" AS ENUM('pending', 'paid', 'failed');--> statement-breakpoint
CREATE TABLE "payout_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" "payout_run_status" DEFAULT 'draft' NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"hold_days" integer NOT NULL,
	"minimum" bigint NOT NULL,
	"four_eyes" boolean NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"exported_by" uuid,
	"exported_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "payout_runs_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "payout_runs_minimum" CHECK ("payout_runs"."minimum" >= 0)
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"business_name" text NOT NULL,
	"member_number" text NOT NULL,
	"kind" "payout_account_kind" NOT NULL,
	"provider_code" text NOT NULL,
	"account_number" text NOT NULL,
	"holder_name" text NOT NULL,
	"reference" text NOT NULL,
	"status" "payout_status" DEFAULT 'pending' NOT NULL,
	"failure_reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"entry_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "payouts_run_member_key" UNIQUE("cooperative_id","run_id","member_id"),
	CONSTRAINT "payouts_amount" CHECK ("payouts"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "payout_minimum" bigint DEFAULT 50000 NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperatives" ADD COLUMN "payout_four_eyes" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_exported_by_users_id_fk" FOREIGN KEY ("exported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_run_fk" FOREIGN KEY ("cooperative_id","run_id") REFERENCES "public"."payout_runs"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_runs_number_key" ON "payout_runs" USING btree ("cooperative_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_runs_one_open_key" ON "payout_runs" USING btree ("cooperative_id") WHERE "payout_runs"."status" in ('draft', 'approved', 'exported');--> statement-breakpoint
CREATE INDEX "payout_runs_list_idx" ON "payout_runs" USING btree ("cooperative_id","created_at");--> statement-breakpoint
CREATE INDEX "payout_runs_created_by_idx" ON "payout_runs" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "payout_runs_approved_by_idx" ON "payout_runs" USING btree ("approved_by");--> statement-breakpoint
CREATE INDEX "payout_runs_exported_by_idx" ON "payout_runs" USING btree ("exported_by");--> statement-breakpoint
CREATE INDEX "payout_runs_cancelled_by_idx" ON "payout_runs" USING btree ("cancelled_by");--> statement-breakpoint
CREATE INDEX "payouts_member_idx" ON "payouts" USING btree ("cooperative_id","member_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_decided_by_idx" ON "payouts" USING btree ("decided_by");--> statement-breakpoint
ALTER TABLE "cooperatives" ADD CONSTRAINT "cooperatives_payout_minimum" CHECK ("cooperatives"."payout_minimum" >= 0);