package vn.qcdc.backbone;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Writes that need none of Hibernate's entity machinery, sent with plain JDBC on the transaction's own connection
 * ({@link Jdbc}):
 * tables no entity maps (the outbox, idempotency keys, the change history), which every write request writes, and
 * rows of a mapped table that no entity of the session holds (a new progress report; a recommendation's transition,
 * which reads its row back, does the same in inspection-service's {@code RecommendationRows}).
 * <p>
 * Hibernate's native queries did the same work at a cost: per statement they parsed the SQL for its parameters,
 * resolved a type for each value and scheduled a clean-up of every entity's caches (a native statement may touch any
 * table). A progress report's four such statements were ~21% of its CPU that way, ~5% like this (JFR, issue 11).
 * Here the SQL goes to the driver as it is, whose cache of prepared statements knows it after the first time.
 * <p>
 * <b>Writes nobody reads back in the transaction go together.</b> A request's last writes (the change history, the
 * outbox event, a new report row, the idempotency answer) do not depend on each other's results. {@link #later}
 * queues such a write; the queue goes to the database in front of the next {@link #update}, at {@link #flush}, or
 * just before the transaction commits, whichever comes first, as one multi-statement round trip (the driver sends
 * every statement, bound, then waits once). The statements run in the order they were asked for. Until then the
 * rows are not in the database: a caller that reads one back in the same transaction calls {@link #flush} first. An
 * error of a queued write surfaces where the queue is sent (at commit, like Hibernate's own flush: the transaction
 * rolls back and the commit's exception carries the driver's error).
 * <p>
 * Like those native queries (flush mode COMMIT), the pending entity changes of the transaction's Hibernate session,
 * if it has one, are not flushed first: they go at commit, once, and before the queued writes (Hibernate's
 * synchronisation is a plain one, the queue's an interposed one, which JTA runs after every plain one). So a write
 * queued until the commit may refer to a row an entity creates in the same transaction. A caller must not write here a
 * row the session holds as an entity (the entity would overwrite it at commit, or keep showing the old values). SQL
 * errors come back as {@link Jdbc.Failed} with the driver's exception inside (see there).
 */
@ApplicationScoped
public class PlainWrites {

    /** The transaction's queue of {@link #later} writes, kept as a resource of the transaction. */
    private static final Object QUEUE = PlainWrites.class.getName() + ".queue";

    private record Write(String sql, Object[] parameters) {
    }

    @Inject
    Jdbc jdbc;

    @Inject
    TransactionSynchronizationRegistry tsr;

    /**
     * Runs one INSERT, UPDATE or DELETE now, in the caller's transaction; the writes queued before it go in the same
     * round trip, ahead of it.
     *
     * @param sql with JDBC placeholders ({@code ?}, in order; a value used twice is passed twice)
     * @param parameters the values, in order; null is sent untyped (PostgreSQL takes the column's type)
     * @return the number of rows this statement wrote
     */
    public int update(String sql, Object... parameters) {
        List<Write> writes = drain();
        writes.add(new Write(sql, parameters));
        return send(writes);
    }

    /**
     * Queues a write that nothing reads back in this transaction (see the class comment). Must be called inside a
     * transaction.
     */
    public void later(String sql, Object... parameters) {
        queue(true).add(new Write(sql, parameters));
    }

    /** Sends the queued writes now (before a read of their rows in the same transaction). */
    public void flush() {
        List<Write> writes = drain();
        if (!writes.isEmpty()) {
            send(writes);
        }
    }

    /** The writes queued so far, taken out of the queue (a copy: an empty list when none). */
    private List<Write> drain() {
        List<Write> queued = queue(false);
        if (queued == null) {
            return new ArrayList<>(1);
        }
        List<Write> writes = new ArrayList<>(queued);
        queued.clear();
        return writes;
    }

    @SuppressWarnings("unchecked")
    private List<Write> queue(boolean create) {
        List<Write> queued = (List<Write>) tsr.getResource(QUEUE);
        if (queued == null && create) {
            queued = new ArrayList<>(4);
            tsr.putResource(QUEUE, queued);
            tsr.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (tsr.getTransactionStatus() == Status.STATUS_ACTIVE) {
                        flush();
                    }
                }

                @Override
                public void afterCompletion(int status) {
                }
            });
        }
        return queued;
    }

    /** One round trip for all of {@code writes}, in order; answers the row count of the last one. */
    private int send(List<Write> writes) {
        String sql;
        Object[] values;
        if (writes.size() == 1) {
            sql = writes.get(0).sql();
            values = writes.get(0).parameters();
        } else {
            StringBuilder text = new StringBuilder();
            List<Object> all = new ArrayList<>();
            for (Write w : writes) {
                text.append(text.isEmpty() ? "" : ";\n").append(w.sql());
                Collections.addAll(all, w.parameters());
            }
            sql = text.toString();
            values = all.toArray();
        }
        return jdbc.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, values);
                if (writes.size() == 1) {
                    return ps.executeUpdate();
                }
                boolean rows = ps.execute();
                int last = -1;
                while (true) {
                    if (!rows) {
                        int n = ps.getUpdateCount();
                        if (n == -1) {
                            break;
                        }
                        last = n;
                    }
                    rows = ps.getMoreResults();
                }
                return last;
            }
        });
    }

    /** Binds {@code values} to the placeholders of {@code ps} in order, as {@link #update} does (a batch reuses it). */
    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
    }
}
