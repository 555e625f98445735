package vn.qcdc.api.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error the suite answers ({@code application/problem+json}).
 * {@code type} is a stable URI a client can switch on; {@code title} and {@code detail} are in the caller's language.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, String code,
        List<FieldError> errors, String incident) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://qcdc.gov.vn/problems/";

    public Problem(URI type, String title, int status, String detail, String instance, String code,
            List<FieldError> errors) {
        this(type, title, status, detail, instance, code, errors, null);
    }

    /** The same problem carrying {@code id}, under which an unexpected error's stack trace is in the log (500). */
    public Problem withIncident(String id) {
        return new Problem(type, title, status, detail, instance, code, errors, id);
    }

    /** One invalid input: where it is ({@code field} as a JSON path such as {@code body.dueDate}) and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String message) {
    }
}
