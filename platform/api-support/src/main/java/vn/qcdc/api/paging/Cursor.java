package vn.qcdc.api.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import vn.qcdc.api.problem.ProblemException;

/**
 * Keyset-pagination cursor: the sort key values of the last item of a page, opaque to clients (base64url of the
 * values joined by a unit separator). Decoding a tampered cursor answers 400, never 500.
 */
public final class Cursor {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String SEP = "\u001f";

    private Cursor() {
    }

    public static String encode(List<String> values) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEP, values).getBytes(StandardCharsets.UTF_8));
    }

    /** The values of {@code cursor}, which must hold exactly {@code arity} of them. */
    public static List<String> decode(String cursor, int arity) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = List.of(raw.split(SEP, -1));
            if (values.size() != arity) {
                throw ProblemException.invalidField("cursor", "invalid-cursor");
            }
            return values;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("cursor", "invalid-cursor");
        }
    }

    /** The page size asked for, bounded: absent → default, outside 1..MAX → 400. */
    public static int limit(Integer asked) {
        if (asked == null) {
            return DEFAULT_LIMIT;
        }
        if (asked < 1 || asked > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "invalid-limit", MAX_LIMIT);
        }
        return asked;
    }
}
