package vn.qcdc.api.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Vietnamese text rules of the suite. Text is stored in NFC; search compares "folded" keys, with diacritics, tone
 * marks and case removed, so "xuat hoa" finds "Xuất Hóa" whether the client sent NFC or NFD and whichever tone-mark
 * placement it uses ("Hóa"/"Hoá", "Thủy"/"Thuỷ").
 */
public final class VietnameseText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private VietnameseText() {
    }

    /** Canonical stored form: NFC, trimmed, runs of white space folded to one space. */
    public static String nfc(String s) {
        if (s == null) {
            return null;
        }
        return SPACES.matcher(Normalizer.normalize(s, Normalizer.Form.NFC).strip()).replaceAll(" ");
    }

    /** Search key: no diacritics, no tone marks, đ → d, lower case, single spaces. */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT).strip()).replaceAll(" ");
    }
}
