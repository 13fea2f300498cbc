-- Decision 32: the ledger is append-only double entry, and the database itself keeps it so.
-- Posted entries and lines never change; a correction is a new (reversing) entry.
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % refused (post a reversing entry)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- Checked at commit (deferred), once all of an entry's lines are in: debits equal credits, and an entry has
-- at least two lines. Fires for the entry row and for each of its lines (an indexed sum over a few lines).
CREATE OR REPLACE FUNCTION journal_entry_check_balance() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  -- The entry's id on journal_entries, its entry_id on journal_lines.
  entry uuid := coalesce(to_jsonb(NEW) ->> 'entry_id', to_jsonb(NEW) ->> 'id')::uuid;
  lines integer;
  difference numeric;
BEGIN
  SELECT count(*), coalesce(sum(debit - credit), 0) INTO lines, difference
    FROM journal_lines WHERE cooperative_id = NEW.cooperative_id AND entry_id = entry;
  IF lines < 2 OR difference <> 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance (% lines, debits minus credits %)', entry, lines, difference
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balance();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_check_balance();
