-- Pledge search on SQLite: an FTS5 index with the trigram tokenizer, which matches any substring
-- of three or more characters (Chinese has no spaces between words, so word tokenizers do not fit).
-- It indexes "Pledge"."searchText" (the text in simplified characters) as external content and is
-- kept in step by triggers. Written by hand: Prisma's schema language cannot describe it.
-- The PostgreSQL history has the same migration with a pg_trgm index instead.
CREATE VIRTUAL TABLE "PledgeSearch" USING fts5("searchText", content='Pledge', content_rowid='rowid', tokenize='trigram');

INSERT INTO "PledgeSearch"("rowid", "searchText") SELECT "rowid", "searchText" FROM "Pledge";

CREATE TRIGGER "Pledge_search_insert" AFTER INSERT ON "Pledge" BEGIN
  INSERT INTO "PledgeSearch"("rowid", "searchText") VALUES (new."rowid", new."searchText");
END;

CREATE TRIGGER "Pledge_search_delete" AFTER DELETE ON "Pledge" BEGIN
  INSERT INTO "PledgeSearch"("PledgeSearch", "rowid", "searchText") VALUES ('delete', old."rowid", old."searchText");
END;

CREATE TRIGGER "Pledge_search_update" AFTER UPDATE OF "searchText" ON "Pledge" BEGIN
  INSERT INTO "PledgeSearch"("PledgeSearch", "rowid", "searchText") VALUES ('delete', old."rowid", old."searchText");
  INSERT INTO "PledgeSearch"("rowid", "searchText") VALUES (new."rowid", new."searchText");
END;
