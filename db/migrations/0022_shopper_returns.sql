CREATE TYPE "public"."return_reason" AS ENUM('damaged', 'wrong_item', 'not_as_described', 'missing_items', 'other');--> statement-breakpoint
CREATE TYPE "public"."return_status" AS ENUM('requested', 'accepted', 'declined');--> statement-breakpoint
CREATE TABLE "return_request_lines" (
	"cooperative_id" uuid NOT NULL,
	"return_request_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "return_request_lines_return_request_id_order_line_id_pk" PRIMARY KEY("return_request_id","order_line_id"),
	CONSTRAINT "return_request_lines_quantity" CHECK ("return_request_lines"."quantity" between 1 and 999)
);
--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "status" "return_status" DEFAULT 'requested' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "reason_code" "return_reason" DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "decision_note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "return_requests" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "return_request_lines" ADD CONSTRAINT "return_request_lines_request_fk" FOREIGN KEY ("cooperative_id","return_request_id") REFERENCES "public"."return_requests"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_request_lines" ADD CONSTRAINT "return_request_lines_line_fk" FOREIGN KEY ("cooperative_id","order_line_id") REFERENCES "public"."order_lines"("cooperative_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_request_lines_line_idx" ON "return_request_lines" USING btree ("cooperative_id","order_line_id");--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_requests_decided_by_idx" ON "return_requests" USING btree ("decided_by");--> statement-breakpoint
ALTER TABLE "return_requests" ADD CONSTRAINT "return_requests_decision" CHECK (("return_requests"."status" = 'requested') = ("return_requests"."decided_at" is null));