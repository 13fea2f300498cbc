-- Decision 52. A change to a cooperative's own row or its hosts is also told as 'cooperative': besides every page of
-- the cooperative, the row itself is remembered by each app process for a few seconds (its host cache), so an app
-- process that hears 'cooperative' also keeps no page for that long, lest it keep one rendered from the row as it was.
-- '*' is still told first, for an app server from before this migration (a rolling deploy).
CREATE FUNCTION cooperative_changed(cooperative uuid) RETURNS void LANGUAGE sql AS $$
  SELECT notify_pages(cooperative, '*'); SELECT notify_pages(cooperative, 'cooperative');
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION pages_on_cooperative_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD IS DISTINCT FROM NEW THEN PERFORM cooperative_changed(NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION pages_on_host_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM cooperative_changed(OLD.cooperative_id);
  ELSIF TG_OP = 'INSERT' OR OLD IS DISTINCT FROM NEW THEN
    PERFORM cooperative_changed(NEW.cooperative_id);
    IF TG_OP = 'UPDATE' AND OLD.cooperative_id <> NEW.cooperative_id THEN PERFORM cooperative_changed(OLD.cooperative_id); END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER pages_on_host_change ON cooperative_hosts;
--> statement-breakpoint
CREATE TRIGGER pages_on_host_change AFTER INSERT OR UPDATE OR DELETE ON cooperative_hosts FOR EACH ROW EXECUTE FUNCTION pages_on_host_change();
