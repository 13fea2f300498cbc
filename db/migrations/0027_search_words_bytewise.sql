-- Decision 51. The word list in byte order (the "C" collation), whatever the database's collation, so that the words
-- beginning with a prefix are one range of its primary key: the search's first step reads a few index entries for
-- each word it checks, not the trigram index's entries for every word that shares a trigram with it.
ALTER TABLE "search_words" ALTER COLUMN "word" TYPE text COLLATE "C";
