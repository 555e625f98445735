package vn.qcdc.api.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Who is calling, as the verified bearer token says: roles, the administrative unit the caller belongs to
 * ({@code unit_code}) and, for organisation officers, the organisation type ({@code org_type}). Every scope check of
 * the suite goes through here, so "an officer of one ward cannot touch another ward" is written once.
 */
@RequestScoped
public class Caller {

    public static final String UNIT_CLAIM = "unit_code";
    public static final String ORG_CLAIM = "org_type";

    @Inject
    JsonWebToken jwt;

    @Inject
    AdministrativeUnits units;

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
        String name = jwt.getClaim("name");
        return name == null ? jwt.getSubject() : name;
    }

    public Set<String> roles() {
        return authenticated() ? jwt.getGroups() : Set.of();
    }

    public boolean has(String role) {
        return roles().contains(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    public Optional<String> unitCode() {
        return authenticated() ? Optional.ofNullable((String) jwt.getClaim(UNIT_CLAIM)) : Optional.empty();
    }

    public Optional<String> orgType() {
        return authenticated() ? Optional.ofNullable((String) jwt.getClaim(ORG_CLAIM)) : Optional.empty();
    }

    /**
     * Whether the caller's scope covers {@code unitCode}: admins everywhere; everyone else within the unit of their
     * token (below it, or merged into it). An integration account without a unit is province-agnostic by design
     * of the portal that owns it, so it covers everything.
     */
    public boolean covers(String unitCode) {
        if (isAdmin()) {
            return true;
        }
        Optional<String> own = unitCode();
        if (own.isEmpty()) {
            return has(Roles.INTEGRATION);
        }
        return units.isWithin(unitCode, own.get());
    }

    /**
     * Refuses access to a record outside the caller's scope with 404, exactly as if it did not exist, so that an
     * officer of one ward learns nothing about another ward's records.
     */
    public void requireCovers(String unitCode, String what, Object id) {
        if (!covers(unitCode)) {
            throw ProblemException.notFound(what, id);
        }
    }

    /** Whether the caller acts for this organisation at this unit (org officers) or for the whole unit. */
    public boolean actsFor(String unitCode, String orgType) {
        if (isAdmin()) {
            return true;
        }
        if (has(Roles.UNIT_OFFICER) && unitCode().map(u -> units.isWithin(unitCode, u)).orElse(false)) {
            return true;
        }
        return has(Roles.ORG_OFFICER) && orgType != null && orgType.equals(orgType().orElse(null))
                && unitCode().map(u -> units.isWithin(unitCode, u)).orElse(false);
    }
}
