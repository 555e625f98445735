package vn.qcdc.inspection.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.qcdc.inspection.search.SearchWords.Terms;

/**
 * How a folded query is split into the words every key it is a substring of must hold. A wrong split loses rows
 * (a word the key does not hold), so each case is one a key can surprise with.
 */
class SearchWordsTest {

    @Test
    void theFirstWordMayBeTheEndOfALongerOneAndTheLastTheBeginning() {
        // "uat" can be the end of "xuat"; "hoa" the beginning of "hoang".
        assertEquals(new Terms(List.of("so", "12"), "hoa"), SearchWords.terms("uat so 12 hoa"));
        assertEquals("'so' & '12' & 'hoa':*", SearchWords.terms("uat so 12 hoa").tsquery());
    }

    @Test
    void oneRunOfLettersSaysNothingAboutWords() {
        assertEquals(new Terms(List.of(), null), SearchWords.terms("77777"));
        assertNull(SearchWords.terms("xuathoa").tsquery());
    }

    @Test
    void anyCharacterOtherThanALetterOrDigitSeparatesWordsAsInTheIndex() {
        // The index splits "12/2021-qd" into 12, 2021, qd: so does the query.
        assertEquals(new Terms(List.of("12", "2021"), "qd"), SearchWords.terms("so 12/2021-qd"));
        assertEquals(new Terms(List.of("2021"), null), SearchWords.terms("12/2021/"));
        // Whatever survives folding and is not a-z or 0-9 (another script) separates too.
        assertEquals(new Terms(List.of("ab"), "cd"), SearchWords.terms("x ab\u0436cd"));
    }

    @Test
    void longWordsAreCutAsTheIndexCutsThem() {
        String longWord = "a".repeat(100);
        Terms t = SearchWords.terms("x " + longWord + " y");
        assertEquals(List.of("a".repeat(SearchWords.MAX_WORD)), t.whole());
        assertEquals("a".repeat(SearchWords.MAX_WORD), SearchWords.terms("x " + longWord).prefix());
    }

    @Test
    void theWordIndexAnswersOnlyForAWordThatIsNotCommon() {
        Set<String> common = Set.of("kien", "nghi", "so", "hoa", "xuat", "phuong", "12");
        assertTrue(SearchWords.selective(SearchWords.terms("so 77777 ve"), common), "a rare whole word");
        assertTrue(SearchWords.selective(SearchWords.terms("so 7777"), common), "a rare beginning of a word");
        assertFalse(SearchWords.selective(SearchWords.terms("so 777"), common), "too short a beginning");
        assertFalse(SearchWords.selective(SearchWords.terms("hoa kien nghi"), common), "common words only");
        assertFalse(SearchWords.selective(SearchWords.terms("so phuo"), common), "the beginning of a common word");
        assertFalse(SearchWords.selective(SearchWords.terms("xuat hoa"), common));
    }
}
