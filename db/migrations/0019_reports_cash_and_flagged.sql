ALTER TYPE "public"."journal_source_kind" ADD VALUE 'flagged_payment';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'cash';--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'other_income';