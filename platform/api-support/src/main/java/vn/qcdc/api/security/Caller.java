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

    /*
     * The claims as first read in this request (the bean lives as long as the request, the token does not change in
     * it). Every read of a claim goes through the token's proxy and its claim set, and a write request reads them many
     * times (role checks, access rules, who wrote the history, the event and the row): ~6% of a progress report's CPU
     * (JFR, issue 11).
     */
    private Boolean authenticated;
    private String subject;
    private String displayName;
    private Set<String> roles;
    private Optional<String> unitCode;
    private Optional<String> orgType;

    public boolean authenticated() {
        if (authenticated == null) {
            authenticated = jwt != null && jwt.getRawToken() != null;
        }
        return authenticated;
    }

    public String subject() {
        if (subject == null) {
            subject = authenticated() ? jwt.getSubject() : "anonymous";
        }
        return subject;
    }

    /** A label for history records: the person's name if the token has one, plus the subject. */
    public String displayName() {
        if (displayName == null) {
            displayName = authenticated() ? TokenChecks.string(jwt.getClaim("name")).orElse(subject()) : "anonymous";
        }
        return displayName;
    }

    public Set<String> roles() {
        if (roles == null) {
            Set<String> groups = authenticated() ? jwt.getGroups() : null;
            roles = groups == null ? Set.of() : Set.copyOf(groups);
        }
        return roles;
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** The caller's unit; empty when the token has none (then the caller is within no unit). */
    public Optional<String> unitCode() {
        if (unitCode == null) {
            unitCode = authenticated() ? TokenChecks.string(jwt.getClaim(UNIT_CLAIM)) : Optional.empty();
        }
        return unitCode;
    }

    public Optional<String> orgType() {
        if (orgType == null) {
            orgType = authenticated() ? TokenChecks.string(jwt.getClaim(ORG_CLAIM)) : Optional.empty();
        }
        return orgType;
    }

    /** An organisation officer and nothing more: sees only its own organisation's records. */
    public boolean organisationOnly() {
        Set<String> roles = roles();
        return roles.contains(Roles.ORG_OFFICER) && roles.stream().noneMatch(r -> !r.equals(Roles.ORG_OFFICER)
                && Roles.ALL.contains(r));
    }
}
