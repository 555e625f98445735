package vn.qcdc.api.access;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.security.Caller;
import vn.qcdc.api.security.Roles;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The one decision function of the suite: may the caller perform this {@link Operation} on this {@link Target}? It
 * reads the operation's grants (the service's decision table) and the caller's roles and unit, and answers
 * {@link Decision#ALLOW}, {@link Decision#FORBIDDEN} (403: wrong role, or a record the caller sees but may not act
 * on) or {@link Decision#NOT_FOUND} (404: a record outside what the caller sees, answered exactly like a missing one).
 *
 * <p>
 * Scope fails closed: a token without {@code unit_code} is within no unit, so only grants that need no unit
 * ({@link Relation#EVERYWHERE}: the admin; {@link Relation#OWN_ITEMS}, {@link Relation#ANY}) hold for it.
 *
 * <p>
 * The service itself, loading demo data on startup, has no token; it runs such work through {@link #asSystem}, which
 * every decision allows, so demo data goes through the same service methods (and publishes the same events) as the
 * API.
 */
@ApplicationScoped
public class Access {

    public enum Decision {
        ALLOW, FORBIDDEN, NOT_FOUND
    }

    /** The units a list covers: every unit ({@code everywhere}), or {@code unit} with its coverage. */
    public record Scope(boolean everywhere, String unit, Set<String> units) {
    }

    private static final ThreadLocal<String> SYSTEM = new ThreadLocal<>();

    @Inject
    Caller caller;

    @Inject
    AdministrativeUnits units;

    /** Runs {@code work} as the service itself (every right), recorded in histories as {@code actor}. */
    public static <T> T asSystem(String actor, Supplier<T> work) {
        String before = SYSTEM.get();
        SYSTEM.set(actor);
        try {
            return work.get();
        } finally {
            if (before == null) {
                SYSTEM.remove();
            } else {
                SYSTEM.set(before);
            }
        }
    }

    public boolean isSystem() {
        return SYSTEM.get() != null;
    }

    /** Who acts, for histories: the system's label or the caller's name. */
    public String actor() {
        String system = SYSTEM.get();
        return system != null ? system : caller.displayName();
    }

    public Optional<String> unitCode() {
        return isSystem() ? Optional.empty() : caller.unitCode();
    }

    public Optional<String> orgType() {
        return isSystem() ? Optional.empty() : caller.orgType();
    }

    /** The decision function. */
    public Decision decide(Operation op, Target target) {
        if (isSystem()) {
            return Decision.ALLOW;
        }
        boolean granted = false;
        for (Grant g : op.grants()) {
            if (!caller.has(g.role()) || !enabled(g)) {
                continue;
            }
            granted = true;
            if (holds(g, target)) {
                return Decision.ALLOW;
            }
        }
        if (!granted || op.kind() != Operation.Kind.RECORD) {
            return Decision.FORBIDDEN;
        }
        return sees(target) ? Decision.FORBIDDEN : Decision.NOT_FOUND;
    }

    public boolean allows(Operation op, Target target) {
        return decide(op, target) == Decision.ALLOW;
    }

    /** Refuses with 403 a caller none of whose roles the operation grants (before any record is looked up). */
    public void requireRole(Operation op) {
        if (isSystem()) {
            return;
        }
        for (Grant g : op.grants()) {
            if (caller.has(g.role()) && enabled(g)) {
                return;
            }
        }
        throw ProblemException.forbidden(Refusal.ROLE);
    }

    /** Throws the refusal {@link #decide} gives: 403, or 404 naming {@code what} and {@code id}. */
    public void require(Operation op, Target target, String what, Object id) {
        switch (decide(op, target)) {
            case ALLOW -> {
            }
            case FORBIDDEN -> throw ProblemException.forbidden(refusal(op));
            case NOT_FOUND -> throw ProblemException.notFound(what, id);
        }
    }

    /** {@link #require} for {@link Operation.Kind#CREATE} and other operations where nothing is hidden. */
    public void require(Operation op, Target target) {
        if (decide(op, target) != Decision.ALLOW) {
            throw ProblemException.forbidden(refusal(op));
        }
    }

    /**
     * The units a list or statistic covers: {@code requested} (else the caller's own unit) with the units below it
     * and merged into it. 403 when the caller's role may not list, or when the unit is not within the caller's; 400
     * for an unknown unit. With neither a requested nor an own unit, only a grant that holds everywhere lists the
     * whole country; anyone else is refused (a broken claim mapping does not open the country).
     */
    public Scope scope(Operation op, String requested) {
        requireRole(op);
        String unit = requested != null ? requested : unitCode().orElse(null);
        if (unit == null) {
            if (isSystem() || grantedEverywhere(op)) {
                return new Scope(true, null, Set.of());
            }
            throw ProblemException.forbidden(Refusal.NO_UNIT);
        }
        if (!units.exists(unit)) {
            throw ProblemException.invalidField("unit", "unknown-unit", unit);
        }
        require(op, Target.unit(unit));
        return new Scope(false, unit, units.coverage(unit));
    }

    /**
     * The organisation a caller is confined to in {@code op} (lists of models …): its {@code org_type} when every
     * grant it holds for the operation is {@link Relation#OWN_ORGANISATION}; empty otherwise.
     */
    public Optional<String> confinedOrganisation(Operation op) {
        if (isSystem()) {
            return Optional.empty();
        }
        boolean confined = false;
        for (Grant g : op.grants()) {
            if (!caller.has(g.role()) || !enabled(g)) {
                continue;
            }
            if (g.relation() != Relation.OWN_ORGANISATION) {
                return Optional.empty();
            }
            confined = true;
        }
        if (!confined) {
            return Optional.empty();
        }
        return Optional.of(caller.orgType().orElseThrow(() -> ProblemException.forbidden(Refusal.OWN_ORGANISATION)));
    }

    /**
     * Which rule refused {@code op} to the caller, for the 403's words: its role, a token without a unit, or the
     * relation the caller's grants needed (the narrowest one it holds). Called only after a refusal, and only for
     * records the caller may see, so it tells nothing about records of other units.
     */
    public Refusal refusal(Operation op) {
        Refusal refusal = Refusal.ROLE;
        for (Grant g : op.grants()) {
            if (!caller.has(g.role()) || !enabled(g)) {
                continue;
            }
            if (caller.unitCode().isEmpty()) {
                return Refusal.NO_UNIT;
            }
            Refusal r = switch (g.relation()) {
                case DECIDING_UNIT -> Refusal.DECIDING_UNIT;
                case ADDRESSEE -> Refusal.ADDRESSEE;
                case OWN_ORGANISATION -> Refusal.OWN_ORGANISATION;
                default -> Refusal.UNIT_SCOPE;
            };
            if (refusal == Refusal.ROLE || r.ordinal() > refusal.ordinal()) {
                refusal = r;
            }
        }
        return refusal;
    }

    private boolean grantedEverywhere(Operation op) {
        return op.grants().stream()
                .anyMatch(g -> g.relation() == Relation.EVERYWHERE && caller.has(g.role()) && enabled(g));
    }

    private boolean holds(Grant g, Target t) {
        return switch (g.relation()) {
            case EVERYWHERE, OWN_ITEMS, ANY -> true;
            case IN_SCOPE -> within(t.unit());
            case DECIDING_UNIT -> within(t.decidingUnit());
            case ADDRESSEE -> t.addressees().stream().anyMatch(a -> within(a.unitCode())
                    && (!Roles.ORG_OFFICER.equals(g.role()) || a.bodyType().equals(caller.orgType().orElse(null))));
            case OWN_ORGANISATION -> within(t.unit()) && caller.orgType().isPresent()
                    && (t.orgType() == null || t.orgType().equals(caller.orgType().get()));
        };
    }

    /**
     * Whether the record exists for the caller at all: its unit is within the caller's and, for a caller who is an
     * organisation officer and nothing more, it is not another organisation's record.
     */
    private boolean sees(Target t) {
        if (!within(t.unit())) {
            return false;
        }
        return t.orgType() == null || !caller.organisationOnly()
                || t.orgType().equals(caller.orgType().orElse(null));
    }

    private boolean within(String code) {
        Optional<String> own = caller.unitCode();
        return code != null && own.isPresent() && units.isWithin(code, own.get());
    }

    private static boolean enabled(Grant g) {
        return g.enabledBy() == null
                || ConfigProvider.getConfig().getOptionalValue(g.enabledBy(), Boolean.class).orElse(false);
    }
}
