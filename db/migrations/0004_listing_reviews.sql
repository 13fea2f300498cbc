CREATE TYPE "public"."listing_review_decision" AS ENUM('approved', 'changes_requested', 'rejected', 'auto_approved');--> statement-breakpoint
CREATE TABLE "listing_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"curator_user_id" uuid,
	"decision" "listing_review_decision" NOT NULL,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "listing_reviews" ADD CONSTRAINT "listing_reviews_version_fk" FOREIGN KEY ("cooperative_id","version_id") REFERENCES "public"."product_versions"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_reviews_version_idx" ON "listing_reviews" USING btree ("cooperative_id","version_id");