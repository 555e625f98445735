package vn.qcdc.inspection.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The word index of the recommendations' search keys ({@code search_words}, {@code V9__search_words.sql}) and when
 * the list asks it.
 *
 * <p>
 * {@code q} is a substring match on the folded search key, found through a trigram index. A rare term is made of
 * common trigrams, so that index reads more the larger the table (~300 pages at 10^6 recommendations for one row).
 * A rare <em>word</em> is a short posting list of the word index whatever the table's size. Every key a folded query
 * is a substring of holds the query's whole words (those between two non-word characters of the query) as words,
 * and a word beginning with its last one ({@link #terms}). The first is only the end of some word, and is left out.
 *
 * <p>
 * Which index answers is chosen here, with PostgreSQL's own statistics, because the planner given both picks both
 * (a bitmap AND that still reads the trigram index's ~300 pages). The word index answers when a whole word is not
 * among the column's most common words (the ~1,000 that {@code ANALYZE} counts), or the last word is at least
 * {@value #MIN_PREFIX} characters and begins none of them ({@link #answers}). Otherwise the trigram index does: a
 * query of common words only (which may still never occur together) is what trigrams find better.
 */
@ApplicationScoped
public class SearchWords {

    /** Words are cut to this length in the index (a longer run of letters is not a word anyone types). */
    static final int MAX_WORD = 64;

    /** A shorter last word begins too many words to be worth the index ("ng", "th", "1"). */
    static final int MIN_PREFIX = 4;

    /** How long the common words read from the statistics are kept (ANALYZE runs far less often). */
    static final Duration KEEP = Duration.ofMinutes(10);

    /**
     * What a folded query says of the words of every key it is a substring of: it holds each of {@code whole} as a
     * word, and a word that begins with {@code prefix} (null if the query does not end in a word that follows a
     * non-word character).
     */
    public record Terms(List<String> whole, String prefix) {

        /** As a {@code tsquery} ({@code 'so' & '77777':*}), or null if it says nothing. */
        public String tsquery() {
            List<String> parts = new ArrayList<>();
            whole.forEach(w -> parts.add("'" + w + "'"));
            if (prefix != null) {
                parts.add("'" + prefix + "':*");
            }
            return parts.isEmpty() ? null : String.join(" & ", parts);
        }
    }

    /**
     * The terms of a folded query, split by the index's rule: a word is a maximal run of {@code a-z} and {@code 0-9},
     * cut to {@value #MAX_WORD} characters.
     */
    public static Terms terms(String folded) {
        List<String> whole = new ArrayList<>();
        String prefix = null;
        int n = folded.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(folded.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(folded.charAt(i))) {
                i++;
            }
            if (start == 0) {
                continue; // maybe the end of a longer word
            }
            String word = folded.substring(start, Math.min(i, start + MAX_WORD));
            if (i < n) {
                whole.add(word);
            } else {
                prefix = word;
            }
        }
        return new Terms(List.copyOf(whole), prefix);
    }

    /**
     * The {@code LIKE} pattern of keys that hold {@code folded} as a substring: its {@code %}, {@code _} and
     * {@code \} are themselves, not wildcards (PostgreSQL's default escape character is the backslash).
     */
    public static String containing(String folded) {
        return "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /**
     * Whether the word index should answer {@code t}, given the column's most common words: yes if a whole word is
     * not one of them, or the last word is long enough and begins none of them.
     */
    public static boolean selective(Terms t, Set<String> common) {
        if (t.whole().stream().anyMatch(w -> !common.contains(w))) {
            return true;
        }
        String p = t.prefix();
        return p != null && p.length() >= MIN_PREFIX && common.stream().noneMatch(w -> w.startsWith(p));
    }

    private record Common(Set<String> words, long until) {
    }

    @Inject
    Pool pool;

    private volatile Common common;

    /**
     * Whether the word index should answer {@code t} ({@link #selective}), with the column's most common words as
     * PostgreSQL's statistics last counted them (read at most every {@link #KEEP}; none before the first
     * {@code ANALYZE}, when every word counts as rare: the table is then small). If they cannot be read, the
     * trigram index answers.
     */
    public Uni<Boolean> answers(Terms t) {
        if (t.whole().isEmpty() && (t.prefix() == null || t.prefix().length() < MIN_PREFIX)) {
            return Uni.createFrom().item(false);
        }
        Common known = common;
        if (known != null && known.until() > System.nanoTime()) {
            return Uni.createFrom().item(selective(t, known.words()));
        }
        return pool.query("SELECT CAST(CAST(most_common_elems AS text) AS text[]) FROM pg_stats"
                + " WHERE schemaname = current_schema() AND tablename = 'recommendation' AND attname = 'search_words'")
                .execute().map(rows -> {
                    Set<String> words = Set.of();
                    for (Row row : rows) {
                        String[] elems = row.getArrayOfStrings(0);
                        if (elems != null) {
                            words = Set.copyOf(Arrays.asList(elems));
                        }
                    }
                    common = new Common(words, System.nanoTime() + KEEP.toNanos());
                    return selective(t, words);
                })
                // Statistics that cannot be read are no reason to fail a search: the trigram index answers it.
                .onFailure().recoverWithItem(false);
    }
}
