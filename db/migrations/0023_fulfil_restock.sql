ALTER TABLE "refund_lines" ADD COLUMN "restocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD COLUMN "restocked_by" uuid;--> statement-breakpoint
ALTER TABLE "refund_lines" ADD CONSTRAINT "refund_lines_restocked_by_users_id_fk" FOREIGN KEY ("restocked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refund_lines_restocked_by_idx" ON "refund_lines" USING btree ("restocked_by");