package vn.qcdc.backbone;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Looks through an exception for the one that says what happened: the exception itself, its causes, and the exceptions
 * suppressed along the way (a failed commit reports the driver's error as a suppressed exception of the transaction
 * manager's RollbackException). Bounded in depth, and safe against cycles.
 */
public final class Causes {

    private Causes() {
    }

    /** Whether {@code e}, one of its causes or one suppressed along the way passes {@code test}. */
    public static boolean any(Throwable e, Predicate<Throwable> test) {
        return any(e, test, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static boolean any(Throwable t, Predicate<Throwable> test, int depth, Set<Throwable> seen) {
        if (t == null || depth > 16 || !seen.add(t)) {
            return false;
        }
        if (test.test(t)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (any(suppressed, test, depth + 1, seen)) {
                return true;
            }
        }
        return any(t.getCause(), test, depth + 1, seen);
    }
}
