CREATE TYPE "public"."payout_account_kind" AS ENUM('bank', 'ewallet');--> statement-breakpoint
ALTER TABLE "membership_applications" ALTER COLUMN "bank_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "membership_applications" ALTER COLUMN "bank_account_number" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "membership_applications" ALTER COLUMN "bank_account_holder" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "member_bank_accounts" ADD COLUMN "kind" "payout_account_kind" DEFAULT 'bank' NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "profile_confirmed_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "membership_applications" ADD COLUMN "payout_kind" "payout_account_kind";--> statement-breakpoint
-- Hand-written (decision 28): every earlier application named a bank account.
UPDATE "membership_applications" SET "payout_kind" = 'bank' WHERE "bank_code" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "membership_applications" ADD CONSTRAINT "membership_applications_payout_all_or_none" CHECK (("membership_applications"."payout_kind" is null) = ("membership_applications"."bank_code" is null) and ("membership_applications"."bank_code" is null) = ("membership_applications"."bank_account_number" is null) and ("membership_applications"."bank_account_number" is null) = ("membership_applications"."bank_account_holder" is null));