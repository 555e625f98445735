-- q (the diacritics-insensitive search) is a substring match on the folded search_key, found through its trigram
-- index (V3). A rare term is made of common trigrams ("so 77777": " so", "so ", " 77", "777", ...), so at 10^6
-- recommendations that index read ~300 pages to find the one row (7 ms), a cost that grows with the table.
--
-- The words of search_key (its maximal runs of a-z and 0-9, each cut to 64 characters, each once) as a tsvector, with
-- a GIN index: a rare word is a short posting list, found in a few pages whatever the table's size. A query's word
-- that is whole (between two non-word characters of the query) is a word of every key the query is a substring of;
-- its last word is the beginning of one. RecommendationService.list asks this index when the query holds such a word
-- that PostgreSQL's statistics do not count as common (SearchWords); the substring match itself is unchanged.
--
-- Built by PostgreSQL's own functions only (no parser, no dictionary: the lexemes are the words as they are), so the
-- Java side (SearchWords.terms) splits a query by the same rule.
CREATE FUNCTION search_words(key text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
BEGIN
    RETURN array_to_tsvector(ARRAY(SELECT DISTINCT left(w, 64) FROM regexp_split_to_table(key, '[^a-z0-9]+') AS w
                                    WHERE w <> ''));
END
$$;

ALTER TABLE recommendation ADD COLUMN search_words tsvector GENERATED ALWAYS AS (search_words(search_key)) STORED;
CREATE INDEX recommendation_search_words ON recommendation USING GIN (search_words);
