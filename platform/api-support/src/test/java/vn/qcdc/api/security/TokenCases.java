package vn.qcdc.api.security;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.infra.DevTokens.TokenSpec;

/**
 * Correctly signed tokens that every service must refuse with 401 problem+json (never 500, never a caller without
 * limits): another audience or none, a lifetime beyond the maximum, issued in the future, the suite's claims of the
 * wrong JSON type. Each service's security test runs them against one of its endpoints.
 */
public final class TokenCases {

    private TokenCases() {
    }

    public static Map<String, String> refused(String role, String unit) {
        TokenSpec base = TokenSpec.of(role, unit, null);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("aud of another application", DevTokens.token(base.withAudience("another-application")));
        cases.put("no aud", DevTokens.token(base.withAudience(null)));
        cases.put("exp 100 years after iat", DevTokens.token(base.withTtl(Duration.ofDays(36_500))));
        cases.put("exp 25 hours after iat", DevTokens.token(base.withTtl(Duration.ofHours(25))));
        cases.put("iat an hour in the future", DevTokens.token(base.withIssuedAtShift(Duration.ofHours(1))));
        cases.put("unit_code a number", DevTokens.token(base.withClaim("unit_code", 1855)));
        cases.put("unit_code an object", DevTokens.token(base.withClaim("unit_code", Map.of("code", unit))));
        cases.put("org_type a number", DevTokens.token(base.withClaim("org_type", 7)));
        cases.put("org_type an object", DevTokens.token(base.withClaim("org_type", Map.of("type", "WOMENS_UNION"))));
        cases.put("groups an object", DevTokens.token(base.withClaim("groups", Map.of("role", role))));
        cases.put("groups a number", DevTokens.token(base.withClaim("groups", 1)));
        cases.put("name an object", DevTokens.token(base.withClaim("name", Map.of("given", "An"))));
        return cases;
    }

    /** Tokens that must still be accepted: the plain dev token, and one living just under the maximum. */
    public static Map<String, String> accepted(String role, String unit) {
        TokenSpec base = TokenSpec.of(role, unit, null);
        return Map.of("plain", DevTokens.token(base), "23 hours", DevTokens.token(base.withTtl(Duration.ofHours(23))),
                "iat 30 s ahead (clock skew)", DevTokens.token(base.withIssuedAtShift(Duration.ofSeconds(30))));
    }

    /** Every case answered otherwise than expected on {@code path}, as "case: status content-type". */
    public static List<String> check(String path, String role, String unit) {
        List<String> wrong = new ArrayList<>();
        refused(role, unit).forEach((name, token) -> {
            var r = given().auth().oauth2(token).get(path);
            if (r.statusCode() != 401 || !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                wrong.add(name + ": " + r.statusCode() + " " + r.contentType());
            }
        });
        accepted(role, unit).forEach((name, token) -> {
            int status = given().auth().oauth2(token).get(path).statusCode();
            if (status != 200) {
                wrong.add(name + " (must be accepted): " + status);
            }
        });
        return wrong;
    }
}
