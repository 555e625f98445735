package vn.qcdc.testsupport;

import vn.qcdc.infra.DevTokens;

/**
 * Short names for the dev tokens tests need, one per role of the suite. Every token is signed with the DEV-ONLY key
 * that {@link RealInfraResource} makes the application trust.
 */
public final class Tokens {

    private Tokens() {
    }

    /** Bearer header value: {@code "Bearer " + token}. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String admin() {
        return DevTokens.token("admin", null, null);
    }

    public static String steering(String unitCode) {
        return DevTokens.token("steering", unitCode, null);
    }

    public static String unitOfficer(String unitCode) {
        return DevTokens.token("unit-officer", unitCode, null);
    }

    public static String orgOfficer(String unitCode, String orgType) {
        return DevTokens.token("org-officer", unitCode, orgType);
    }

    /** An integration account without a unit: since scope fails closed, it is within no unit and lists nothing. */
    public static String integration() {
        return DevTokens.token("integration", null, null);
    }

    /** A provincial portal's integration account for {@code unitCode}. */
    public static String integration(String unitCode) {
        return DevTokens.token("integration", unitCode, null);
    }

    /** A token of {@code role} at {@code unitCode} (null: no unit claim) and {@code orgType} (may be null). */
    public static String of(String role, String unitCode, String orgType) {
        return DevTokens.token(role, unitCode, orgType);
    }

    public static String viewer(String unitCode) {
        return DevTokens.token("viewer", unitCode, null);
    }

    /** Correctly signed but expired an hour ago: expect 401. */
    public static String expired(String role, String unitCode) {
        return DevTokens.expiredToken(role, unitCode);
    }

    /** Unexpired but signed by a key nobody trusts: expect 401. */
    public static String stranger(String role, String unitCode) {
        return DevTokens.tokenSignedByStranger(role, unitCode);
    }

    /** Anything else (several roles, another subject, a short TTL...). */
    public static String of(DevTokens.TokenSpec spec) {
        return DevTokens.token(spec);
    }
}
