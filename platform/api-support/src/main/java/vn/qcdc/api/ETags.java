package vn.qcdc.api;

import jakarta.ws.rs.core.EntityTag;

import vn.qcdc.api.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: a record's version is its strong ETag; an update that sends {@code If-Match} with
 * an older version is refused with 412 instead of silently overwriting someone else's change. An update without
 * {@code If-Match} is accepted (mobile clients that do not track versions), and still protected against a concurrent
 * write by the entity's own version column.
 */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag("v" + version);
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        String expected = "v" + currentVersion;
        for (String candidate : ifMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            if (c.equals(expected)) {
                return;
            }
        }
        throw new ProblemException(412, "precondition-failed", "\"" + expected + "\"");
    }
}
