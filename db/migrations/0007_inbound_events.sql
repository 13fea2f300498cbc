CREATE TYPE "public"."inbound_event_status" AS ENUM('pending', 'applied', 'failed');--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid,
	"provider" text NOT NULL,
	"event_id" text NOT NULL,
	"endpoint_cooperative_id" uuid,
	"headers" jsonb NOT NULL,
	"raw_body" text NOT NULL,
	"status" "inbound_event_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"outcome" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "inbound_events" ADD CONSTRAINT "inbound_events_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_events" ADD CONSTRAINT "inbound_events_endpoint_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("endpoint_cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_events_provider_event_idx" ON "inbound_events" USING btree ("provider","event_id");--> statement-breakpoint
CREATE INDEX "inbound_events_due_idx" ON "inbound_events" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "inbound_events_cooperative_idx" ON "inbound_events" USING btree ("cooperative_id","received_at");--> statement-breakpoint
CREATE INDEX "inbound_events_endpoint_idx" ON "inbound_events" USING btree ("endpoint_cooperative_id","received_at");