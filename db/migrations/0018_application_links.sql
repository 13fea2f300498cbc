CREATE TABLE "application_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_links" ADD CONSTRAINT "application_links_application_fk" FOREIGN KEY ("cooperative_id","application_id") REFERENCES "public"."membership_applications"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_links_application_idx" ON "application_links" USING btree ("cooperative_id","application_id");