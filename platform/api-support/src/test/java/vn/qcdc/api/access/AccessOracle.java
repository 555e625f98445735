package vn.qcdc.api.access;

import java.util.List;
import java.util.function.Predicate;

import vn.qcdc.api.security.Roles;

/**
 * The status a caller must get, read from a decision table's grants and the hand-written facts of {@link Position}:
 * an independent reading of the same table the code decides from. 403 for a role the operation does not grant; the
 * operation's success status when one of the caller's grants holds; otherwise 404 for a record the caller does not
 * see (outside its unit, or another organisation's for an organisation officer) and 403 for one it sees or for a
 * creation or a list.
 */
public final class AccessOracle {

    private AccessOracle() {
    }

    public static int expected(Operation op, String role, Position at, String callerOrg, Target t, int success,
            Predicate<Grant> enabled) {
        List<Grant> grants = op.grants().stream().filter(g -> g.role().equals(role) && enabled.test(g)).toList();
        if (grants.isEmpty()) {
            return 403;
        }
        for (Grant g : grants) {
            if (holds(g, at, callerOrg, t)) {
                return success;
            }
        }
        if (op.kind() != Operation.Kind.RECORD) {
            return 403;
        }
        boolean sees = at.covers(t.unit())
                && (t.orgType() == null || !role.equals(Roles.ORG_OFFICER) || t.orgType().equals(callerOrg));
        return sees ? 403 : 404;
    }

    static boolean holds(Grant g, Position at, String callerOrg, Target t) {
        return switch (g.relation()) {
            case EVERYWHERE, OWN_ITEMS, ANY -> true;
            case IN_SCOPE -> at.covers(t.unit());
            case DECIDING_UNIT -> at.covers(t.decidingUnit());
            case ADDRESSEE -> t.addressees().stream().anyMatch(a -> at.covers(a.unitCode())
                    && (!g.role().equals(Roles.ORG_OFFICER) || a.bodyType().equals(callerOrg)));
            case OWN_ORGANISATION -> at.covers(t.unit()) && callerOrg != null
                    && (t.orgType() == null || t.orgType().equals(callerOrg));
        };
    }
}
