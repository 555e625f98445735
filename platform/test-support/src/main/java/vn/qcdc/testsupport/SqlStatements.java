package vn.qcdc.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * The SQL Hibernate sends, for tests that check a statement's shape (how many parameters a scope binds, say).
 * {@link RealInfraResource} makes it Hibernate's statement inspector in every service's tests; it records only inside
 * {@link #during}, and changes nothing.
 */
public class SqlStatements implements StatementInspector {

    private static final Object LOCK = new Object();
    private static List<String> recording;

    @Override
    public String inspect(String sql) {
        synchronized (LOCK) {
            if (recording != null) {
                recording.add(sql);
            }
        }
        return sql;
    }

    /**
     * The statements Hibernate prepared, on any thread, while {@code action} ran (the service's background work
     * included: filter them by what they touch). One recording at a time.
     */
    public static List<String> during(Runnable action) {
        synchronized (LOCK) {
            if (recording != null) {
                throw new IllegalStateException("already recording");
            }
            recording = new ArrayList<>();
        }
        List<String> done;
        try {
            action.run();
        } finally {
            synchronized (LOCK) {
                done = List.copyOf(recording);
                recording = null;
            }
        }
        return done;
    }

    /**
     * Those of {@code sql} that bind a list of values one parameter each ({@code in (?,?,…)}): Hibernate translates
     * such a query again at every execution, and their text changes with the number of values.
     */
    public static List<String> expandedLists(List<String> sql) {
        return sql.stream().filter(s -> s.contains(" in (?")).toList();
    }
}
