-- Decision 56. What a form's first post said, as a hash: a post of the same token with other values is refused, not
-- answered as a repeat of the first (it was sent from a page that had not yet been given its fresh token).
ALTER TABLE "form_submissions" ADD COLUMN "content" text;