package vn.qcdc.api.input;

import vn.qcdc.api.problem.ProblemException;

/**
 * What counts as text in the suite: any Unicode text except control characters, with tab, line feed and carriage
 * return allowed (multi-line notes). Decided once for JSON fields, query, path and form parameters alike, and
 * answered with 400 naming the field rather than stripped: NUL is refused by PostgreSQL in text and jsonb (a 500
 * before this rule), and the other control characters never occur in the administrative text this suite stores, but
 * turn into header injection, terminal escapes in logs or hanging downloads when they reach a header. Stripping would
 * silently store something else than what the client sent, which the suite refuses elsewhere too (unknown fields).
 */
public final class TextRules {

    private TextRules() {
    }

    /** The index of the first character the suite refuses in text, or -1. */
    public static int firstForbidden(CharSequence s) {
        if (s == null) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    /** True if {@code s} holds a control character, tab, CR and LF included: for single-line values and headers. */
    public static boolean hasAnyControl(CharSequence s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.getType(s.charAt(i)) == Character.CONTROL) {
                return true;
            }
        }
        return false;
    }

    /** Refuses {@code value} with a 400 naming {@code field} if it holds a forbidden character. */
    public static String require(String field, String value) {
        int at = firstForbidden(value);
        if (at >= 0) {
            throw ProblemException.invalidField(field, "control-character", codePoint(value.charAt(at)));
        }
        return value;
    }

    /** {@code U+0000} style, for messages: the character itself would not show. */
    public static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
