package vn.qcdc.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.security.Caller;
import vn.qcdc.api.security.Roles;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The decision function without a server: for one operation per relation and kind, every role at every
 * {@link Position} on the reference scenario's records, {@link Access#decide} must agree with {@link AccessOracle}
 * (the hand-written unit facts), and the scope of lists fails closed.
 */
class AccessTest {

    /** A caller with exactly these claims. */
    static final class FixedCaller extends Caller {
        final Set<String> roles;
        final String unit;
        final String org;

        FixedCaller(String role, String unit, String org) {
            this.roles = Set.of(role);
            this.unit = unit;
            this.org = org;
        }

        @Override
        public boolean authenticated() {
            return true;
        }

        @Override
        public Set<String> roles() {
            return roles;
        }

        @Override
        public Optional<String> unitCode() {
            return Optional.ofNullable(unit);
        }

        @Override
        public Optional<String> orgType() {
            return Optional.ofNullable(org);
        }

        @Override
        public String displayName() {
            return "test";
        }
    }

    record Op(String name, Kind kind, List<Grant> grants) implements Operation {
        @Override
        public String method() {
            return "POST";
        }

        @Override
        public String path() {
            return "/" + name;
        }
    }

    static final AdministrativeUnits UNITS = AdministrativeUnits.builtIn();

    static Access access(String role, Position at) {
        Access a = new Access();
        a.caller = new FixedCaller(role, at.unit, role.equals(Roles.ORG_OFFICER) ? AccessMatrix.ORG : null);
        a.units = UNITS;
        return a;
    }

    static int status(Access.Decision d) {
        return switch (d) {
            case ALLOW -> 200;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
        };
    }

    @Test
    void theDecisionFunctionAgreesWithTheOracleEverywhere() {
        List<Target> targets = List.of(Target.unit("06"), Target.decidedBy("01855", "06"),
                Target.decidedBy("01855", "01855").ofOrganisation(AccessMatrix.ORG),
                Target.decidedBy("01855", "06").ofOrganisation("WOMENS_UNION"),
                Target.decidedBy("01855", "06").addressedTo(List.of(new Target.Body(AccessMatrix.ORG, "01855"))),
                Target.decidedBy("01855", "06").addressedTo(List.of(new Target.Body("GOVERNMENT", "01855"))));
        List<String> wrong = new ArrayList<>();
        for (Relation relation : Relation.values()) {
            for (Operation.Kind kind : Operation.Kind.values()) {
                List<Grant> grants = new ArrayList<>();
                grants.add(Grant.of(Roles.ADMIN, Relation.EVERYWHERE));
                for (String role : List.of(Roles.STEERING, Roles.UNIT_OFFICER, Roles.ORG_OFFICER)) {
                    grants.add(Grant.of(role, relation));
                }
                Op op = new Op(relation + "-" + kind, kind, grants);
                for (Target t : targets) {
                    for (String role : AccessTable.ROLES) {
                        for (Position at : Position.values()) {
                            int expected = AccessOracle.expected(op, role, at,
                                    role.equals(Roles.ORG_OFFICER) ? AccessMatrix.ORG : null, t, 200, g -> true);
                            int got = status(access(role, at).decide(op, t));
                            if (got != expected) {
                                wrong.add(op.name() + " " + t + " " + role + "@" + at + ": " + got + " not "
                                        + expected);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void aCallerWithoutUnitIsWithinNothingButTheAdminActsEverywhere() {
        Op read = new Op("read", Operation.Kind.RECORD, List.of(Grant.of(Roles.ADMIN, Relation.EVERYWHERE),
                Grant.of(Roles.INTEGRATION, Relation.IN_SCOPE), Grant.of(Roles.STEERING, Relation.DECIDING_UNIT)));
        Target t = Target.decidedBy("01855", "06");
        assertEquals(Access.Decision.NOT_FOUND, access(Roles.INTEGRATION, Position.NO_UNIT).decide(read, t));
        assertEquals(Access.Decision.NOT_FOUND, access(Roles.STEERING, Position.NO_UNIT).decide(read, t));
        assertEquals(Access.Decision.ALLOW, access(Roles.ADMIN, Position.NO_UNIT).decide(read, t));
        assertEquals(Access.Decision.ALLOW, access(Roles.STEERING, Position.COMMITTEE).decide(read, t));
        // The inspected ward sees the record but does not decide on it.
        assertEquals(Access.Decision.FORBIDDEN, access(Roles.STEERING, Position.WARD).decide(read, t));

        Op list = new Op("list", Operation.Kind.LIST, read.grants());
        assertEquals(403, statusOf(() -> access(Roles.INTEGRATION, Position.NO_UNIT).scope(list, null)));
        assertEquals(true, access(Roles.ADMIN, Position.NO_UNIT).scope(list, null).everywhere());
        assertEquals(UNITS.coverage("06"), access(Roles.INTEGRATION, Position.COMMITTEE).scope(list, null).units());
        assertEquals(403, statusOf(() -> access(Roles.INTEGRATION, Position.WARD).scope(list, "06")));
    }

    static int statusOf(Runnable r) {
        try {
            r.run();
            return 200;
        } catch (vn.qcdc.api.problem.ProblemException e) {
            return e.status();
        }
    }
}
