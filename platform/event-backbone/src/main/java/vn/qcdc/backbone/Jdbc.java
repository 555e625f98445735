package vn.qcdc.backbone;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Plain JDBC on the connection of the caller's transaction, without Hibernate: inside a transaction the pool (Agroal)
 * lends every caller the one connection enlisted in it (the one Hibernate's session uses too, if the transaction has
 * one), so a statement here sees the transaction's writes and commits or rolls back with it; outside a transaction a
 * call gets a connection of its own, in auto-commit, for that call.
 * <p>
 * Why not through the session ({@code Session.doReturningWork}): the first such call of a transaction opens a
 * Hibernate session for it, which joins the transaction and takes part in its commit (a flush with nothing to flush,
 * its synchronisations, the session's close). For a request that maps no entity (a progress report: the idempotency
 * key, the guarded {@code UPDATE}, the change history and the outbox event) that was ~7% of its CPU samples in a JFR
 * profile, and one wrapper around every JDBC call (issue 11; too little for its throughput to show a change on a
 * shared 2-core machine, {@code bench/inspection/results-646f401.md}).
 * <p>
 * A {@link SQLException} comes out as {@link Failed}, with the driver's exception as its cause: the API's error
 * mapping and the consumers' retry decide by the SQLState found among the causes (unique violation → 409, outage or
 * timeout → 503 and a later retry, see {@link DatabaseTrouble}), as they do for Hibernate's exceptions.
 */
@ApplicationScoped
public class Jdbc {

    /** What to do on the connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Reads the current row of a result set. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A statement failed: the driver's {@link SQLException} is the cause. */
    public static class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        /** The driver's exception. */
        public SQLException sql() {
            return (SQLException) getCause();
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** Runs {@code work} on the transaction's connection (outside a transaction, on one of its own). */
    public <T> T call(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new Failed(e);
        }
    }

    /**
     * The rows of {@code sql} (a query, or a change with {@code RETURNING}), its {@code ?} bound to {@code params} in
     * order: a {@code String[]} as one {@code text[]} (for {@code = any(?)}), anything else as the driver's own type
     * for it (text, numbers, booleans, UUIDs, dates and times). On the transaction's connection, as {@link #call}.
     */
    public <T> List<T> list(String sql, List<?> params, RowReader<T> reader) {
        return call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    Object value = params.get(i);
                    if (value instanceof String[] texts) {
                        ps.setArray(i + 1, c.createArrayOf("text", texts));
                    } else {
                        ps.setObject(i + 1, value);
                    }
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                    }
                }
                return rows;
            }
        });
    }
}
