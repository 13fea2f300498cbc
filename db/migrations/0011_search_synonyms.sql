CREATE TABLE "search_synonyms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cooperative_id" uuid NOT NULL,
	"term" text NOT NULL,
	"meanings" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_synonyms_cooperative_id_id_key" UNIQUE("cooperative_id","id"),
	CONSTRAINT "search_synonyms_term" CHECK (length("search_synonyms"."term") between 2 and 60),
	CONSTRAINT "search_synonyms_meanings" CHECK (cardinality("search_synonyms"."meanings") between 1 and 10)
);
--> statement-breakpoint
ALTER TABLE "search_synonyms" ADD CONSTRAINT "search_synonyms_cooperative_id_cooperatives_id_fk" FOREIGN KEY ("cooperative_id") REFERENCES "public"."cooperatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "search_synonyms_term_key" ON "search_synonyms" USING btree ("cooperative_id","term");--> statement-breakpoint
-- A cooperative's synonyms change what its searches find: every kept shop page of it is forgotten (decision 25).
CREATE TRIGGER pages_on_search_synonym_change AFTER INSERT OR UPDATE OR DELETE ON search_synonyms FOR EACH ROW EXECUTE FUNCTION pages_on_cooperative_row_change();
