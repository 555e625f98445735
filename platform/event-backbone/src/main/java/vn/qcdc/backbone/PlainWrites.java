package vn.qcdc.backbone;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * Writes that need none of Hibernate's entity machinery, sent with plain JDBC on the transaction's own connection:
 * tables no entity maps (the outbox, idempotency keys, the change history), which every write request writes, and
 * rows of a mapped table that no entity of the session holds (a new progress report; a recommendation's transition,
 * which reads its row back, does the same in inspection-service's {@code RecommendationRows}).
 * <p>
 * Hibernate's native queries did the same work at a cost: per statement they parsed the SQL for its parameters,
 * resolved a type for each value and scheduled a clean-up of every entity's caches (a native statement may touch any
 * table). A progress report's four such statements were ~21% of its CPU that way, ~5% like this (JFR, issue 11).
 * Here the SQL goes to the driver as it is, whose cache of prepared statements knows it after the first time.
 * <p>
 * Like those native queries (flush mode COMMIT), the session's pending entity changes are not flushed first: they go
 * at commit, once. So a caller must not write here a row the session holds as an entity (the entity would overwrite
 * it at commit, or keep showing the old values). SQL errors come back as Hibernate's own exceptions (a unique
 * violation is a {@code ConstraintViolationException}), translated as for its own statements, so callers and the
 * mapping of database trouble to 503 see no difference.
 */
public final class PlainWrites {

    private PlainWrites() {
    }

    /**
     * Runs one INSERT, UPDATE or DELETE.
     *
     * @param sql with JDBC placeholders ({@code ?}, in order; a value used twice is passed twice)
     * @param parameters the values, in order; null is sent untyped (PostgreSQL takes the column's type)
     * @return the number of rows written
     */
    public static int update(EntityManager em, String sql, Object... parameters) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, parameters);
                return ps.executeUpdate();
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
