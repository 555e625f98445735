package vn.qcdc.api.access;

import java.util.List;

/**
 * One row of a service's decision table: an endpoint (or a part of a response, see {@link Kind#FIELD}) and who may
 * use it. Each service lists its rows as an enum, so the table is plain data that the decision function, the
 * authorization test and the README table all read.
 */
public interface Operation {

    /** How a refusal is answered, and how the scope of a list is found. */
    enum Kind {
        /** Reads or changes an existing record: outside what the caller may see it answers 404, as a missing one. */
        RECORD,
        /** Creates a record at a unit named in the request: refused with 403 (there is nothing to hide). */
        CREATE,
        /** Lists or counts records of a unit (the caller's own by default): refused with 403. */
        LIST,
        /** A part of a response (a field, a section) shown only to some callers; the rest of it stays readable. */
        FIELD
    }

    String name();

    Kind kind();

    /** HTTP method, or null for a {@link Kind#FIELD}. */
    String method();

    /** The path under {@code /api/v1} (e.g. {@code /recommendations/{id}/verify}), or what the field is. */
    String path();

    List<Grant> grants();
}
