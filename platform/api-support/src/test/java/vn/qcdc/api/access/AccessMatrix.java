package vn.qcdc.api.access;

import static io.restassured.RestAssured.given;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import vn.qcdc.api.security.Roles;
import vn.qcdc.infra.DevTokens;

/**
 * Runs a service's decision table against the running service: every operation × every role × every
 * {@link Position} (plus no token at all), each answer compared with {@link AccessOracle}. Operations that would
 * succeed get a fresh record each (so one caller's change cannot decide the next one's answer); refusals share one.
 */
public final class AccessMatrix {

    /** One HTTP call. {@code multipart}: a small text file as part "file" (plus title and kind). */
    public record Request(String method, String path, String body, boolean multipart) {

        public static Request get(String path) {
            return new Request("GET", path, null, false);
        }

        public static Request post(String path, String body) {
            return new Request("POST", path, body, false);
        }

        public static Request put(String path, String body) {
            return new Request("PUT", path, body, false);
        }

        public static Request delete(String path) {
            return new Request("DELETE", path, null, false);
        }

        public static Request upload(String path) {
            return new Request("POST", path, null, true);
        }
    }

    /**
     * How to exercise one operation: the record's {@code target} as the oracle sees it (hand-written, from the
     * fixture), the status of success, and the request ({@code fresh}: on a record of its own).
     */
    public record Case(Target target, int success, Function<Boolean, Request> request) {
    }

    /** The organisation type of every organisation officer of the matrix. */
    public static final String ORG = "FATHERLAND_FRONT";

    private AccessMatrix() {
    }

    /** Grants switched on by configuration count only where the running service has the switch on. */
    public static boolean enabled(Grant g) {
        return g.enabledBy() == null
                || ConfigProvider.getConfig().getOptionalValue(g.enabledBy(), Boolean.class).orElse(false);
    }

    /** Every mismatch, as "operation as role@position: expected x, got y"; empty when the service obeys the table. */
    public static List<String> run(List<? extends Operation> table, Map<? extends Operation, Case> cases) {
        List<String> failures = new ArrayList<>();
        for (Operation op : table) {
            if (op.kind() != Operation.Kind.FIELD && !cases.containsKey(op)) {
                failures.add(op.name() + ": no case in the test (every operation of the table must be exercised)");
            }
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : AccessTable.ROLES) {
            for (Position at : Position.values()) {
                tokens.put(role + "@" + at,
                        DevTokens.token(role, at.unit, role.equals(Roles.ORG_OFFICER) ? ORG : null));
            }
        }
        for (Operation op : table) {
            Case c = cases.get(op);
            if (c == null) {
                continue;
            }
            Request shared = null;
            int anonymous = send(null, c.request().apply(false));
            if (anonymous != 401) {
                failures.add(op.name() + " without a token: expected 401, got " + anonymous);
            }
            for (String role : AccessTable.ROLES) {
                for (Position at : Position.values()) {
                    int expected = AccessOracle.expected(op, role, at, role.equals(Roles.ORG_OFFICER) ? ORG : null,
                            c.target(), c.success(), AccessMatrix::enabled);
                    Request request;
                    if (expected == c.success()) {
                        request = c.request().apply(true);
                    } else {
                        if (shared == null) {
                            shared = c.request().apply(false);
                        }
                        request = shared;
                    }
                    int got = send(tokens.get(role + "@" + at), request);
                    if (got != expected) {
                        failures.add(op.name() + " as " + role + "@" + at + ": expected " + expected + ", got "
                                + got);
                    }
                }
            }
        }
        return failures;
    }

    public static int send(String token, Request r) {
        RequestSpecification req = token == null ? given() : given().auth().oauth2(token);
        if (r.multipart()) {
            req = req.multiPart("file", "a.txt", "nội dung".getBytes()).multiPart("title", "Ảnh").multiPart("kind",
                    "PHOTO");
        } else if (r.body() != null) {
            req = req.contentType(ContentType.JSON).body(r.body());
        }
        return req.request(r.method(), r.path()).then().extract().statusCode();
    }

    /**
     * Every endpoint of {@code resources} is an operation of the table and its {@code @RolesAllowed} (the early,
     * framework-level role check) lists exactly the roles the table grants; every endpoint operation of the table
     * exists. Mismatches are returned.
     */
    public static List<String> rolesAllowedMatch(List<? extends Operation> table, Class<?>... resources) {
        List<String> failures = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> resource : resources) {
            String base = resource.getAnnotation(Path.class).value().replaceFirst("^/api/v1", "");
            for (Method m : resource.getDeclaredMethods()) {
                String http = m.isAnnotationPresent(GET.class)
                        ? "GET"
                        : m.isAnnotationPresent(POST.class)
                                ? "POST"
                                : m.isAnnotationPresent(PUT.class)
                                        ? "PUT"
                                        : m.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                if (http == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = base + (sub == null ? "" : "/" + sub.value().replaceFirst("^/", ""));
                String endpoint = http + " " + path;
                seen.add(endpoint);
                Operation op = table.stream().filter(o -> endpoint.equals(o.method() + " " + o.path())).findFirst()
                        .orElse(null);
                if (op == null) {
                    failures.add(endpoint + " (" + resource.getSimpleName() + "." + m.getName()
                            + "): not in the decision table");
                    continue;
                }
                RolesAllowed allowed = m.isAnnotationPresent(RolesAllowed.class)
                        ? m.getAnnotation(RolesAllowed.class)
                        : resource.getAnnotation(RolesAllowed.class);
                Set<String> annotated = allowed == null ? Set.of() : Set.copyOf(Arrays.asList(allowed.value()));
                Set<String> granted = op.grants().stream().map(Grant::role).collect(Collectors.toSet());
                if (!annotated.equals(granted)) {
                    failures.add(endpoint + ": @RolesAllowed " + annotated + " but the table grants " + granted);
                }
            }
        }
        for (Operation op : table) {
            if (op.method() != null && !seen.contains(op.method() + " " + op.path())) {
                failures.add(op.name() + " (" + op.method() + " " + op.path() + "): no such endpoint");
            }
        }
        return failures;
    }
}
