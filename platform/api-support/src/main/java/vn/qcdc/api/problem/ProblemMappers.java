package vn.qcdc.api.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import vn.qcdc.api.access.Refusal;
import vn.qcdc.backbone.DatabaseTrouble;

/**
 * Turns every failure into an RFC 9457 problem in the caller's language. Anything a client sent is a 4xx; a 500
 * carries only an incident id (the stack trace goes to the log under that id, never to the client).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Messages messages;

    @Inject
    UriInfo uriInfo;

    @ServerExceptionMapper
    public Response domain(ProblemException e) {
        List<Problem.FieldError> errors = e.errors().stream()
                .map(f -> new Problem.FieldError(f.field(), messages.get(f.message(), e.args()))).toList();
        String detail = errors.isEmpty() ? messages.get(e.messageKey(), e.args()) : messages.get("validation");
        return build(e.status(), e.code(), detail, errors.isEmpty() ? null : errors);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        boolean returnValue = e.getConstraintViolations().stream().anyMatch(v -> kinds(v.getPropertyPath())
                .contains(ElementKind.RETURN_VALUE));
        if (returnValue) {
            return internal(e);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> {
                    String field = fieldOf(v);
                    boolean noBody = "body".equals(field) && v.getConstraintDescriptor() != null
                            && v.getConstraintDescriptor().getAnnotation() instanceof NotNull;
                    return new Problem.FieldError(field, noBody ? messages.get("missing-body") : v.getMessage());
                })
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        return build(400, "validation", messages.get("validation"), errors);
    }

    @ServerExceptionMapper
    public Response unrecognized(UnrecognizedPropertyException e) {
        return build(400, "validation", messages.get("validation"),
                List.of(new Problem.FieldError(pathOf(e), messages.get("unknown-field"))));
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        String message;
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            message = messages.get("unknown-value", allowed);
        } else {
            message = messages.get("wrong-type", pathOf(e), typeName(target));
        }
        return build(400, "validation", messages.get("validation"),
                List.of(new Problem.FieldError(pathOf(e), message)));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        if (e.getPath().isEmpty()) {
            return build(400, "malformed-json", messages.get("missing-body"), null);
        }
        return build(400, "validation", messages.get("validation"), List.of(new Problem.FieldError(pathOf(e),
                messages.get("wrong-type", pathOf(e), typeName(e.getTargetType())))));
    }

    @ServerExceptionMapper
    public Response instantiation(ValueInstantiationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProblemException p) {
            return domain(p);
        }
        return build(400, "validation", messages.get("validation"),
                List.of(new Problem.FieldError(pathOf(e), String.valueOf(cause.getMessage()))));
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e) {
        if (InputProblemMappers.duplicateField(e) != null) {
            return json(e);
        }
        return build(400, "validation", messages.get("validation"),
                List.of(new Problem.FieldError(pathOf(e), e.getOriginalMessage())));
    }

    @ServerExceptionMapper
    public Response parse(JsonParseException e) {
        return json(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String duplicate = InputProblemMappers.duplicateField(e);
        if (duplicate != null) {
            return build(400, "validation", messages.get("validation"),
                    List.of(new Problem.FieldError(duplicate, messages.get("duplicate-field"))));
        }
        return build(400, "malformed-json", messages.get("malformed-json", e.getOriginalMessage()), null);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    /** The security layer refuses only on roles ({@code @RolesAllowed}); the unit rules are {@code Access}'s. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return build(403, "forbidden", messages.get(Refusal.ROLE.messageKey()), null);
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return build(412, "precondition-failed", messages.get("precondition-failed", "?"), null);
    }

    /**
     * A matched resource means the route exists: JAX-RS answers 404 for a path or query parameter it cannot convert
     * (year=abc, a malformed id). That is the client's input, so it is a 400 naming the parameter. Our own code
     * reports missing records with ProblemException, never NotFoundException.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, ResourceInfo resource) {
        if (uriInfo.getMatchedResources().isEmpty()) {
            return build(404, "route-not-found", messages.get("route-not-found"), null);
        }
        Problem.FieldError bad = ParameterCheck.firstUnconvertible(resource.getResourceMethod(), uriInfo,
                (name, type) -> messages.get("wrong-type", name, typeName(type)));
        return build(400, "invalid-parameter", messages.get("invalid-parameter"), bad == null ? null : List.of(bad));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;

        if (e instanceof NotAllowedException) {
            return build(405, "method-not-allowed", messages.get("method-not-allowed"), null);
        }
        if (e instanceof NotSupportedException) {
            return build(415, "unsupported-media-type", messages.get("unsupported-media-type"), null);
        }
        if (e instanceof NotAcceptableException) {
            return build(406, "not-acceptable", messages.get("not-acceptable"), null);
        }
        if (status == 413) {
            return build(413, "payload-too-large", messages.get("payload-too-large"), null);
        }
        if (status == 401) {
            return unauthenticated();
        }
        if (status == 403) {
            return build(403, "forbidden", messages.get("forbidden"), null);
        }
        if (status >= 400 && status < 500) {
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException jpe) {
                return json(jpe);
            }
            return build(status, "bad-request", messages.get("bad-request"), null);
        }
        return internal(e);
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        if (e.getCause() instanceof ProblemException p) {
            return domain(p);
        }
        if (InputProblemMappers.isUniqueViolation(e)) {
            // two requests raced to create the same row (contact, continuation): the loser is told so, not a 500
            return build(409, "unique-conflict", messages.get("unique-conflict"), null);
        }
        if (DatabaseTrouble.isTransient(e)) {
            LOG.warnf("Database unavailable while serving %s: %s", path(), e.getMessage());
            return Response.fromResponse(build(503, "unavailable", messages.get("unavailable"), null))
                    .header("Retry-After", "5").build();
        }
        return internal(e);
    }

    private Response internal(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, incident %s, on %s", incident, path());
        Response r = build(500, "internal", messages.get("internal", incident), null);
        return Response.fromResponse(r).entity(((Problem) r.getEntity()).withIncident(incident)).build();
    }

    private Response unauthenticated() {
        return Response.fromResponse(build(401, "unauthorized", messages.get("unauthorized"), null))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private Response build(int status, String code, String detail, List<Problem.FieldError> errors) {
        String title = messages.get(code + ".title");
        if (title.equals(code + ".title")) {
            title = messages
                    .get(status == 409 ? "conflict.title" : status >= 500 ? "internal.title" : "bad-request.title");
        }
        Problem problem = new Problem(URI.create(Problem.TYPE_BASE + code), title, status, detail, path(), code,
                errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.CONTENT_LANGUAGE, messages.locale().getLanguage()).build();
    }

    private String path() {
        try {
            return uriInfo.getRequestUri().getPath();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<ElementKind> kinds(Path path) {
        List<ElementKind> kinds = new ArrayList<>();
        path.forEach(n -> kinds.add(n.getKind()));
        return kinds;
    }

    /** {@code create.request.members[0].name} → {@code members[0].name}; a lone query parameter keeps its name. */
    static String fieldOf(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        List<Path.Node> props = nodes.stream().filter(n -> n.getKind() != ElementKind.METHOD
                && n.getKind() != ElementKind.PARAMETER && n.getKind() != ElementKind.CROSS_PARAMETER).toList();
        if (props.isEmpty()) {
            return nodes.isEmpty() ? "" : parameterName(v, nodes);
        }
        StringBuilder sb = new StringBuilder();
        for (Path.Node n : props) {
            if (n.getName() == null) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(n.getName());
            if (n.getIndex() != null) {
                sb.append('[').append(n.getIndex()).append(']');
            } else if (n.getKey() != null) {
                sb.append('[').append(n.getKey()).append(']');
            }
        }
        return sb.toString();
    }

    /**
     * The name a client knows a violated method parameter by: its {@code @QueryParam}/{@code @PathParam}/
     * {@code @HeaderParam} name, or {@code body} for the request body (the Java parameter's name, e.g. {@code in},
     * means nothing to a client).
     */
    private static String parameterName(ConstraintViolation<?> v, List<Path.Node> nodes) {
        Path.Node last = nodes.get(nodes.size() - 1);
        if (last.getKind() != ElementKind.PARAMETER || nodes.size() < 2
                || nodes.get(nodes.size() - 2).getKind() != ElementKind.METHOD) {
            return last.getName();
        }
        Path.MethodNode method = nodes.get(nodes.size() - 2).as(Path.MethodNode.class);
        int index = last.as(Path.ParameterNode.class).getParameterIndex();
        for (Class<?> c = v.getRootBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Method m = c.getDeclaredMethod(method.getName(), method.getParameterTypes().toArray(Class[]::new));
                for (Annotation a : m.getParameterAnnotations()[index]) {
                    if (a instanceof QueryParam q) {
                        return q.value();
                    }
                    if (a instanceof PathParam p) {
                        return p.value();
                    }
                    if (a instanceof HeaderParam h) {
                        return h.value();
                    }
                    if (a instanceof FormParam f) {
                        return f.value();
                    }
                    if (a instanceof RestForm || a instanceof BeanParam || a instanceof Context) {
                        return last.getName();
                    }
                }
                return "body";
            } catch (NoSuchMethodException notHere) {
                // a generated subclass: look in the class it extends
            }
        }
        return last.getName();
    }

    static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String typeName(Class<?> type) {
        if (type == null) {
            return "?";
        }
        if (type == java.time.LocalDate.class) {
            return "yyyy-MM-dd";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
            return "ISO-8601 date-time";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == UUID.class) {
            return "UUID";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        return "object";
    }
}
