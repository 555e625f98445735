package vn.qcdc.inspection.access;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Caller;
import vn.qcdc.api.security.Roles;

/**
 * Who may do what in this service, written once: wraps the request's {@link Caller} and adds the one actor that has
 * no token, the service itself loading demo data on startup ({@link #asSystem}), so demo data goes through the same
 * service layer (and publishes the same events) as the API.
 */
@ApplicationScoped
public class Access {

    private static final ThreadLocal<Boolean> SYSTEM = ThreadLocal.withInitial(() -> false);

    @Inject
    Provider<Caller> caller;

    /** Whether a portal's integration account may post progress/completion reports (off unless configured). */
    @ConfigProperty(name = "qcdc.inspection.integration-writes", defaultValue = "false")
    boolean integrationWrites;

    /** Runs {@code work} as the service itself (admin rights, recorded as "system (demo data)"). */
    public static <T> T asSystem(Supplier<T> work) {
        SYSTEM.set(true);
        try {
            return work.get();
        } finally {
            SYSTEM.remove();
        }
    }

    public boolean isSystem() {
        return SYSTEM.get();
    }

    public boolean isAdmin() {
        return isSystem() || caller.get().isAdmin();
    }

    public boolean has(String role) {
        return isSystem() || caller.get().has(role);
    }

    public String actor() {
        return isSystem() ? "system (demo data)" : caller.get().displayName();
    }

    public Optional<String> unitCode() {
        return isSystem() ? Optional.empty() : caller.get().unitCode();
    }

    public Optional<String> orgType() {
        return isSystem() ? Optional.empty() : caller.get().orgType();
    }

    public boolean covers(String unitCode) {
        return isSystem() || caller.get().covers(unitCode);
    }

    /** Reading a record of {@code unitCode}: outside the caller's unit it does not exist (404, nothing leaked). */
    public void requireReads(String unitCode, String what, Object id) {
        if (!isSystem()) {
            caller.get().requireCovers(unitCode, what, id);
        }
    }

    /** Steering work (run inspections, conclude, verify, change deadlines) within the caller's own unit. */
    public void requireSteers(String unitCode) {
        if (isAdmin()) {
            return;
        }
        if (!has(Roles.STEERING) || !covers(unitCode)) {
            throw ProblemException.forbidden();
        }
    }

    /** Whether the caller reports for one of these bodies: a unit officer of its unit, an org officer of its body. */
    public boolean reportsFor(String unitCode, String bodyType) {
        if (isAdmin()) {
            return true;
        }
        if (integrationWrites && has(Roles.INTEGRATION) && covers(unitCode)) {
            return true;
        }
        return caller.get().actsFor(unitCode, bodyType);
    }
}
