CREATE TYPE "public"."invitation_kind" AS ENUM('staff', 'member_owner', 'member_helper');--> statement-breakpoint
ALTER TYPE "public"."token_purpose" ADD VALUE 'sign_up';--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "invitation_kind" NOT NULL,
	"staff_role" "staff_role",
	"member_id" uuid,
	"invited_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	CONSTRAINT "invitations_grant_shape" CHECK (("invitations"."kind" = 'staff' and "invitations"."staff_role" is not null and "invitations"."member_id" is null) or ("invitations"."kind" <> 'staff' and "invitations"."member_id" is not null and "invitations"."staff_role" is null))
);
--> statement-breakpoint
CREATE TABLE "sign_up_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "one_time_tokens" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperative_hosts" ADD COLUMN "is_primary" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD COLUMN "sign_up_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox_emails" ADD COLUMN "secret_link" jsonb;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_user_id_users_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_member_fk" FOREIGN KEY ("cooperative_id","member_id") REFERENCES "public"."members"("cooperative_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_up_requests" ADD CONSTRAINT "sign_up_requests_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_user_idx" ON "invitations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "invitations_member_idx" ON "invitations" USING btree ("cooperative_id","member_id");--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_sign_up_id_sign_up_requests_id_fk" FOREIGN KEY ("sign_up_id") REFERENCES "public"."sign_up_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cooperative_hosts_one_primary_key" ON "cooperative_hosts" USING btree ("cooperative_id") WHERE "cooperative_hosts"."is_primary";--> statement-breakpoint
ALTER TABLE "one_time_tokens" ADD CONSTRAINT "one_time_tokens_subject" CHECK (("one_time_tokens"."purpose"::text = 'password_reset' and "one_time_tokens"."user_id" is not null) or ("one_time_tokens"."purpose"::text = 'invite' and "one_time_tokens"."invitation_id" is not null and "one_time_tokens"."user_id" is not null) or ("one_time_tokens"."purpose"::text = 'sign_up' and "one_time_tokens"."sign_up_id" is not null));--> statement-breakpoint
-- Links issued before this migration were stored readable in the outbox: they stop working, and their
-- text leaves the outbox. Invitations sent before it must be sent again.
DELETE FROM "one_time_tokens";--> statement-breakpoint
UPDATE "outbox_emails" SET
  "text_body" = regexp_replace("text_body", 'https?://[^[:space:]"<>]*/(reset-password|invite)/[A-Za-z0-9_-]+', 'https://one-time-link.invalid', 'g'),
  "html_body" = regexp_replace("html_body", 'https?://[^[:space:]"<>]*/(reset-password|invite)/[A-Za-z0-9_-]+', 'https://one-time-link.invalid', 'g')
WHERE "template" IN ('password_reset', 'invite', 'helper_invite');--> statement-breakpoint
-- Each cooperative's first host by name (names before addresses) becomes its own address for links.
UPDATE "cooperative_hosts" h SET "is_primary" = true
FROM (
  SELECT DISTINCT ON ("cooperative_id") "host" FROM "cooperative_hosts"
  ORDER BY "cooperative_id", ("host" ~ '^[0-9.:\[\]]+$'), "created_at", "host"
) first
WHERE h."host" = first."host";
