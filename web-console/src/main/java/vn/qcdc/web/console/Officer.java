package vn.qcdc.web.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The signed-in officer as the console shows them: the bearer token it forwards to the services (which verify it:
 * the console decides nothing on its own) and, for display and defaults only, the claims it carries.
 */
public record Officer(String token, String name, String role, String unitCode, String orgType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the claims of a JWT without verifying it: the services verify every call made with it. */
    @SuppressWarnings("unchecked")
    static Officer fromToken(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            Map<String, Object> claims = JSON.readValue(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8), Map.class);
            Object groups = claims.get("groups");
            String role = groups instanceof List<?> l && !l.isEmpty() ? String.valueOf(l.get(0)) : null;
            Object name = claims.getOrDefault("preferred_username", claims.get("sub"));
            return new Officer(token, name == null ? null : name.toString(), role,
                    (String) claims.get("unit_code"), (String) claims.get("org_type"));
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    /** The committee's side (verifies, rejects), as opposed to the inspected side (reports). */
    public boolean steering() {
        return "steering".equals(role) || "admin".equals(role);
    }

    public boolean reporter() {
        return "unit-officer".equals(role) || "org-officer".equals(role);
    }

    /** Headers of a call made for this officer: the bearer token and the reader's language. */
    Map<String, String> headers(String lang) {
        return Map.of("Authorization", "Bearer " + token, "Accept-Language", lang);
    }
}
