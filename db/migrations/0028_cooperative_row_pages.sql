-- Decision 52. A change to a cooperative's own row or its hosts is told as 'cooperative' rather than '*': besides
-- every page of the cooperative, the row itself is remembered by each app process for a few seconds (its host
-- cache), so an app process that hears 'cooperative' also keeps no page for that long, lest it keep one rendered
-- from the row as it was.
CREATE OR REPLACE FUNCTION pages_on_cooperative_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD IS DISTINCT FROM NEW THEN PERFORM notify_pages(NEW.id, 'cooperative'); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pages_on_host_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM notify_pages(OLD.cooperative_id, 'cooperative');
  ELSIF TG_OP = 'INSERT' OR OLD IS DISTINCT FROM NEW THEN
    PERFORM notify_pages(NEW.cooperative_id, 'cooperative');
    IF TG_OP = 'UPDATE' AND OLD.cooperative_id <> NEW.cooperative_id THEN PERFORM notify_pages(OLD.cooperative_id, 'cooperative'); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER pages_on_host_change ON cooperative_hosts;
--> statement-breakpoint
CREATE TRIGGER pages_on_host_change AFTER INSERT OR UPDATE OR DELETE ON cooperative_hosts FOR EACH ROW EXECUTE FUNCTION pages_on_host_change();
