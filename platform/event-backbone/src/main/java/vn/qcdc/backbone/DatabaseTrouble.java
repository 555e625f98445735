package vn.qcdc.backbone;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

/**
 * Tells database trouble that passes (server down, restarting, overloaded, a lock or statement timeout) from an error
 * in what was asked. Decided by SQLState class and exception type, never by message text, so a driver or pool that
 * rewords its messages changes nothing. The API answers the first with 503 + Retry-After, consumers and the relay wait
 * and try again.
 */
public final class DatabaseTrouble {

    /**
     * SQLState classes and codes that mean "try again later": 08 connection exception, 53 insufficient resources,
     * 57P01-57P03 shutdown / crash recovery / cannot connect now, 57014 statement timeout (query canceled), 55P03
     * lock timeout, 40001 serialization failure, 40P01 deadlock.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "53");
    private static final Set<String> TRANSIENT_CODES = Set.of("57P01", "57P02", "57P03", "57P04", "57014", "55P03",
            "40001", "40P01");

    private DatabaseTrouble() {
    }

    /**
     * Whether {@code e} says the database is unavailable or overloaded for now: {@code e} itself, its causes, and the
     * exceptions suppressed along the way (a failed commit reports the driver's error as a suppressed exception of the
     * transaction manager's RollbackException).
     */
    public static boolean isTransient(Throwable e) {
        return Causes.any(e, DatabaseTrouble::saysTransient);
    }

    /** Whether {@code t} itself (not its causes) says the database is unavailable or overloaded for now. */
    private static boolean saysTransient(Throwable t) {
        if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (transientState(state)) {
                return true;
            }
            return state == null && (t instanceof SQLTransientException || thrownByPool(sql));
        }
        // The reactive client (reads of inspection-service): the server's error with its SQLState, or a connection
        // that closed under a query. Its socket failures (refused, reset) are plain IOExceptions that could come from
        // anywhere; its caller, which knows their origin, tells them as SQLState 08006.
        if (t instanceof DatabaseException db) {
            return transientState(db.getSqlState());
        }
        return t instanceof ClosedConnectionException;
    }

    private static boolean transientState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_CODES.contains(state));
    }

    /**
     * The connection pool (Agroal) reports "no connection within the acquisition timeout" as a plain SQLException
     * without SQLState; it is recognised by where it was thrown, the pool itself.
     */
    private static boolean thrownByPool(SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.agroal.");
    }
}
