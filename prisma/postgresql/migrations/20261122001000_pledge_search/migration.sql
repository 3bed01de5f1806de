-- Pledge search on PostgreSQL: a pg_trgm GIN index on "Pledge"."searchText" (the text in
-- simplified characters), which serves LIKE/ILIKE '%…%' for queries of three or more characters.
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
-- Written by hand: the SQLite history has the same migration with an FTS5 trigram index instead.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "Pledge_searchText_trgm_idx" ON "Pledge" USING GIN ("searchText" gin_trgm_ops);
