package vn.qcdc.inspection.recommendation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.StatelessSession;

import vn.qcdc.inspection.inspection.Area;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationView;

/**
 * Reads the recommendations that are only answered with (the list, GET by id): one statement with bind parameters,
 * each row copied column by column into the view the API answers with. Hibernate's row reading (result-set mapping,
 * an initializer per entity, an assembler and an extractor per column, then the entity copied into the view) was ~40%
 * of a list's CPU and the largest cost that pgbench running the same SQL does not pay; here each column is one
 * {@code ResultSet} getter.
 *
 * <p>
 * The statement runs through the request's stateless session ({@code doReturningWork}): on its connection, in its
 * transaction if there is one, and with Hibernate's translation of {@code SQLException}s, so an outage is the same
 * 503 as anywhere else. Changes go through {@link RecommendationService}'s managed reads, never through these views.
 */
@ApplicationScoped
public class RecommendationRows {

    /**
     * The columns of a view (authorization reads it too), in the order {@link #read} reads them. Not the search key or
     * the addressee types, which only filter (the search key is a second copy of the content).
     */
    public static final String COLUMNS = "r.id, r.inspection_id, r.seq, r.content, r.unit_code, r.unit_name,"
            + " r.steering_unit_code, r.year_assessed, r.area, r.priority, r.due_date, r.original_due_date, r.status,"
            + " r.addressees, r.progress_percent, r.last_reason, r.completion_reported_at, r.verified_at,"
            + " r.completion_reported_on, r.verified_on, r.created_at, r.created_by, r.updated_at, r.updated_by,"
            + " r.version";

    /** A text array parameter ({@code = ANY(?)}), told apart from a single value. */
    record TextArray(String[] values) {
    }

    @Inject
    StatelessSession session;

    /** The recommendation {@code id} as it is on {@code today} (overdue or not), or null. */
    RecommendationView byId(UUID id, LocalDate today) {
        List<RecommendationView> found = select("SELECT " + COLUMNS + " FROM recommendation r WHERE r.id = ?",
                List.of(id), today);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The rows of {@code sql} (which selects {@link #COLUMNS}), its {@code ?} bound to {@code params} in order, as
     * they are on {@code today}.
     */
    List<RecommendationView> select(String sql, List<Object> params, LocalDate today) {
        return session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    bind(c, ps, i + 1, params.get(i));
                }
                List<RecommendationView> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs, today));
                    }
                }
                return rows;
            }
        });
    }

    private static void bind(Connection c, PreparedStatement ps, int i, Object value) throws SQLException {
        if (value instanceof TextArray a) {
            Array array = c.createArrayOf("text", a.values());
            ps.setArray(i, array);
        } else {
            // String, Integer, UUID, LocalDate and OffsetDateTime: the driver sends each with its own type
            ps.setObject(i, value);
        }
    }

    private RecommendationView read(ResultSet rs, LocalDate today) throws SQLException {
        LocalDate dueDate = rs.getObject(11, LocalDate.class);
        Recommendation.Status status = Recommendation.Status.valueOf(rs.getString(13));
        return new RecommendationView(
                rs.getObject(1, UUID.class), // id
                rs.getObject(2, UUID.class), // inspection_id
                rs.getInt(3), // seq
                rs.getString(4), // content
                rs.getString(5), // unit_code
                rs.getString(6), // unit_name
                rs.getString(7), // steering_unit_code
                rs.getInt(8), // year_assessed
                Area.valueOf(rs.getString(9)),
                Recommendation.Priority.valueOf(rs.getString(10)),
                dueDate,
                rs.getObject(12, LocalDate.class), // original_due_date
                status,
                Recommendation.overdue(dueDate, status, today),
                StoredAddressees.read(rs.getString(14)),
                rs.getInt(15), // progress_percent
                rs.getString(16), // last_reason
                rs.getObject(17, OffsetDateTime.class), // completion_reported_at
                rs.getObject(18, OffsetDateTime.class), // verified_at
                rs.getLong(25), // version
                rs.getObject(21, OffsetDateTime.class), // created_at
                rs.getString(22), // created_by
                rs.getObject(23, OffsetDateTime.class), // updated_at
                rs.getString(24), // updated_by
                rs.getObject(19, LocalDate.class), // completion_reported_on
                rs.getObject(20, LocalDate.class)); // verified_on
    }
}
