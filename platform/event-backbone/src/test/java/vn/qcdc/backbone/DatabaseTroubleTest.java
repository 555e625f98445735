package vn.qcdc.backbone;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/** What counts as "the database is unavailable for now" (503), decided by SQLState and type, never by message. */
class DatabaseTroubleTest {

    @Test
    void transientStatesAreRecognisedWhereverTheyHide() {
        for (String state : new String[]{"08006", "08001", "57P01", "57P03", "53300", "57014", "55P03", "40001",
                "40P01"}) {
            assertTrue(DatabaseTrouble.isTransient(new RuntimeException(new SQLException("x", state))), state);
        }
        // a failed commit: the driver's error is suppressed inside the transaction manager's exception
        Exception rollback = new Exception("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(new Exception("XA", new SQLException("terminating connection", "57P01")));
        assertTrue(DatabaseTrouble.isTransient(new RuntimeException("wrapper", rollback)));
    }

    @Test
    void thePoolsOwnTimeoutIsRecognisedByWhereItWasThrownNotByItsText() {
        SQLException fromPool = new SQLException("any wording");
        fromPool.setStackTrace(new StackTraceElement[]{
                new StackTraceElement("io.agroal.pool.ConnectionPool", "getConnection", "ConnectionPool.java", 1)});
        assertTrue(DatabaseTrouble.isTransient(new RuntimeException(fromPool)));
        assertFalse(DatabaseTrouble.isTransient(new SQLException("Sorry, acquisition timeout!")),
                "the same text from anywhere else is not trusted");
    }

    /** The reactive client's reads (inspection-service) fail with Vert.x types, not SQLExceptions. */
    @Test
    void theReactiveClientsTroubleIsRecognisedToo() {
        for (String state : new String[]{"08006", "57P01", "57P03", "53300", "57014"}) {
            assertTrue(DatabaseTrouble.isTransient(new CompletionException(pg("x", state))), state);
        }
        assertTrue(DatabaseTrouble.isTransient(ClosedConnectionException.INSTANCE), "connection closed mid-query");
        assertFalse(DatabaseTrouble.isTransient(new ConnectException("Connection refused")),
                "a refused connect alone could be any server's: the reactive read names it 08006 itself");
        assertFalse(DatabaseTrouble.isTransient(pg("duplicate key", "23505")));
        assertFalse(DatabaseTrouble.isTransient(pg("syntax", "42601")));
    }

    private static PgException pg(String message, String state) {
        return new PgException(message, "ERROR", state, null);
    }

    @Test
    void errorsInWhatWasAskedAreNotTransient() {
        assertFalse(DatabaseTrouble.isTransient(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseTrouble.isTransient(new SQLException("syntax", "42601")));
        assertFalse(DatabaseTrouble.isTransient(new IllegalStateException("boom")));
    }
}
