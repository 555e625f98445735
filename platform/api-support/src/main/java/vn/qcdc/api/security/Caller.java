package vn.qcdc.api.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, as the verified bearer token says: roles, the administrative unit the caller belongs to
 * ({@code unit_code}) and, for organisation officers, the organisation type ({@code org_type}). What the caller may do
 * with that is decided by {@link vn.qcdc.api.access.Access}; the claims' types are checked when the token is accepted
 * ({@link TokenChecks}), so a claim here is a string or absent.
 */
@RequestScoped
public class Caller {

    public static final String UNIT_CLAIM = "unit_code";
    public static final String ORG_CLAIM = "org_type";

    @Inject
    JsonWebToken jwt;

    public boolean authenticated() {
        return jwt != null && jwt.getRawToken() != null;
    }

    public String subject() {
        return authenticated() ? jwt.getSubject() : "anonymous";
    }

    /** A label for history records: the person's name if the token has one, plus the subject. */
    public String displayName() {
        if (!authenticated()) {
            return "anonymous";
        }
        return TokenChecks.string(jwt.getClaim("name")).orElse(jwt.getSubject());
    }

    public Set<String> roles() {
        if (!authenticated()) {
            return Set.of();
        }
        Set<String> groups = jwt.getGroups();
        return groups == null ? Set.of() : groups;
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** The caller's unit; empty when the token has none (then the caller is within no unit). */
    public Optional<String> unitCode() {
        return authenticated() ? TokenChecks.string(jwt.getClaim(UNIT_CLAIM)) : Optional.empty();
    }

    public Optional<String> orgType() {
        return authenticated() ? TokenChecks.string(jwt.getClaim(ORG_CLAIM)) : Optional.empty();
    }

    /** An organisation officer and nothing more: sees only its own organisation's records. */
    public boolean organisationOnly() {
        Set<String> roles = roles();
        return roles.contains(Roles.ORG_OFFICER) && roles.stream().noneMatch(r -> !r.equals(Roles.ORG_OFFICER)
                && Roles.ALL.contains(r));
    }
}
