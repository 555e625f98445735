package vn.qcdc.api.problem;

import java.util.List;

import vn.qcdc.api.access.Refusal;
import vn.qcdc.api.labels.Label;

/**
 * A refusal the domain decides on (not found, invalid transition, stale version…). {@code code} is both the last
 * segment of the problem type URI and the key of the message in {@code vn/qcdc/api/messages*.properties} (and in a
 * service's own {@code messages*.properties}), formatted with {@code args}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final transient Object[] args;
    private final List<Problem.FieldError> errors;
    private final String messageKey;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(int status, String code, List<Problem.FieldError> errors, Object... args) {
        this(status, code, code, errors, args);
    }

    private ProblemException(int status, String code, String messageKey, List<Problem.FieldError> errors,
            Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.messageKey = messageKey;
        this.args = args;
        this.errors = errors;
    }

    /** The key of the detail message: the code, unless a refusal of that code has words of its own. */
    public String messageKey() {
        return messageKey;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", Label.of("Resource", what), id);
    }

    public static ProblemException badRequest(String code, Object... args) {
        return new ProblemException(400, code, args);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(409, code, args);
    }

    public static ProblemException forbidden() {
        return new ProblemException(403, "forbidden");
    }

    /** 403 saying which rule refused (code {@code forbidden} for every rule, so clients switch on one type). */
    public static ProblemException forbidden(Refusal rule) {
        return new ProblemException(403, "forbidden", rule.messageKey(), List.of());
    }

    /** A single invalid field, answered like a validation error (400 with {@code errors}). */
    public static ProblemException invalidField(String field, String messageCode, Object... args) {
        return new ProblemException(400, "validation", List.of(new Problem.FieldError(field, messageCode)), args);
    }
}
