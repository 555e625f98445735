package vn.qcdc.api.problem;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

import io.vertx.core.http.HttpClosedException;

import vn.qcdc.api.input.InputRuleException;
import vn.qcdc.backbone.Causes;

/**
 * Problems of hostile or broken input that the general {@link ProblemMappers} does not know: a broken input rule in a
 * JSON body (NUL, implausible date), a body the multipart parser cannot read, a key given twice, and the loser of a
 * race on a unique constraint.
 */
public class InputProblemMappers {

    private static final Logger LOG = Logger.getLogger(InputProblemMappers.class);
    /** PostgreSQL's unique_violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Inject
    Messages messages;

    @Inject
    UriInfo uriInfo;

    @ServerExceptionMapper
    public Response inputRule(InputRuleException e) {
        return build(400, "validation", messages.get("validation"),
                List.of(new Problem.FieldError(ProblemMappers.pathOf(e), messages.get(e.code(), e.args()))));
    }

    /**
     * The multipart parser reports a body it cannot read (no closing boundary, another boundary, garbage) as an
     * {@link IOException}; any other I/O failure stays a 500.
     */
    @ServerExceptionMapper
    public Response io(IOException e) {
        if (fromRequestParsing(e)) {
            return build(400, "malformed-multipart", messages.get("malformed-multipart"), null);
        }
        if (clientGone(e)) {
            // The client closed the connection while its body was still being read: nobody is left to answer and
            // nothing went wrong on this side, so no incident is logged as an error (a load test ending, a phone
            // losing its network). The answer is written for form's sake.
            LOG.debugf("Client closed the connection while sending %s", path());
            return build(400, "connection-closed", messages.get("connection-closed"), null);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, incident %s, on %s", incident, path());
        Response r = build(500, "internal", messages.get("internal", incident), null);
        return Response.fromResponse(r).entity(((Problem) r.getEntity()).withIncident(incident)).build();
    }

    /** Whether {@code e} says the client went away (its connection closed) rather than a failure here. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    static boolean fromRequestParsing(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.startsWith("org.jboss.resteasy.reactive.server.core.multipart.")
                    || c.equals("org.jboss.resteasy.reactive.server.handlers.FormBodyHandler")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JSON path of a key given twice, or null if {@code e} is not about that. Jackson reports duplicates
     * ({@code STRICT_DUPLICATE_DETECTION}) as a plain parse error; its parser still stands on the duplicate.
     */
    static String duplicateField(JsonProcessingException e) {
        // inside a record or a list Jackson wraps the parser's error in a JsonMappingException
        Throwable t = e;
        while (t instanceof JsonMappingException && t.getCause() instanceof JsonProcessingException cause) {
            t = cause;
        }
        if (!(t instanceof JsonProcessingException jpe) || jpe.getOriginalMessage() == null
                || !jpe.getOriginalMessage().startsWith("Duplicate field")
                || !(jpe.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.add(0, "[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                segments.add(0, c.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (!path.isEmpty() && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.toString();
    }

    /**
     * True if {@code e}, a cause or an exception suppressed along the way is PostgreSQL's unique_violation: another
     * request created the same row. A row written at commit (the session is flushed there) fails inside the
     * transaction manager, which reports the driver's error as a suppressed exception of its RollbackException.
     */
    static boolean isUniqueViolation(Throwable e) {
        return Causes.any(e, t -> t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())
                || t instanceof org.hibernate.exception.ConstraintViolationException c
                        && UNIQUE_VIOLATION.equals(c.getSQLState()));
    }

    private Response build(int status, String code, String detail, List<Problem.FieldError> errors) {
        String title = messages.get(code + ".title");
        if (title.equals(code + ".title")) {
            title = messages.get(status >= 500 ? "internal.title" : "bad-request.title");
        }
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(URI.create(Problem.TYPE_BASE + code), title, status, detail, path(), code,
                        errors))
                .header(HttpHeaders.CONTENT_LANGUAGE, messages.locale().getLanguage()).build();
    }

    private String path() {
        try {
            return uriInfo.getRequestUri().getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
