CREATE TYPE "public"."shu_line_role" AS ENUM('jasa_usaha', 'jasa_modal', 'fund');--> statement-breakpoint
CREATE TABLE "shu_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"year_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"role" "shu_line_role" NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"basis_points" integer NOT NULL,
	CONSTRAINT "shu_lines_position_key" UNIQUE("cooperative_id","year_id","position"),
	CONSTRAINT "shu_lines_basis_points" CHECK ("shu_lines"."basis_points" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "shu_savings" (
	"cooperative_id" uuid NOT NULL,
	"year_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"pokok" bigint NOT NULL,
	"wajib" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shu_savings_pkey" PRIMARY KEY("cooperative_id","year_id","member_id"),
	CONSTRAINT "shu_savings_amounts" CHECK ("shu_savings"."pokok" >= 0 and "shu_savings"."wajib" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shu_shares" (
	"cooperative_id" uuid NOT NULL,
	"year_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"sales" bigint NOT NULL,
	"savings" bigint NOT NULL,
	"jasa_usaha" bigint NOT NULL,
	"jasa_modal" bigint NOT NULL,
	CONSTRAINT "shu_shares_pkey" PRIMARY KEY("cooperative_id","year_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "shu_years" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"surplus" bigint DEFAULT 0 NOT NULL,
	"finalised_at" timestamp with time zone,
	"finalised_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shu_years_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "shu_years_cooperative_year_key" UNIQUE("cooperative_id","year"),
	CONSTRAINT "shu_years_year" CHECK ("shu_years"."year" between 2000 and 2100),
	CONSTRAINT "shu_years_surplus" CHECK ("shu_years"."surplus" >= 0)
);
--> statement-breakpoint
ALTER TABLE "shu_lines" ADD CONSTRAINT "shu_lines_year_fk" FOREIGN KEY ("cooperative_id","year_id") REFERENCES "public"."shu_years"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shu_savings" ADD CONSTRAINT "shu_savings_year_fk" FOREIGN KEY ("cooperative_id","year_id") REFERENCES "public"."shu_years"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shu_savings" ADD CONSTRAINT "shu_savings_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shu_shares" ADD CONSTRAINT "shu_shares_year_fk" FOREIGN KEY ("cooperative_id","year_id") REFERENCES "public"."shu_years"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shu_shares" ADD CONSTRAINT "shu_shares_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shu_years" ADD CONSTRAINT "shu_years_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shu_years" ADD CONSTRAINT "shu_years_finalised_by_users_id_fk" FOREIGN KEY ("finalised_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shu_savings_member_idx" ON "shu_savings" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "shu_shares_member_idx" ON "shu_shares" USING btree ("cooperative_id","member_id");--> statement-breakpoint
CREATE INDEX "shu_years_finalised_by_idx" ON "shu_years" USING btree ("finalised_by");