package vn.qcdc.inspection.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 11, goal 1: the recommendation list must not flip to a generic plan. The driver turns a statement it has run
 * 5 times on a connection into a server-side prepared statement; PostgreSQL then compares a generic plan (made
 * without the parameter values) with the custom ones and may keep the generic one for good. For the list, whose
 * filters change selectivity by orders of magnitude with their values (a ward or a province, one year or all,
 * a week of due dates or seven years), the generic plan walked the GIN index on {@code addressee_types} and sorted
 * thousands of rows: ~220x slower at 10^6 recommendations.
 *
 * <p>
 * The test runs the list's statement exactly as {@code RecommendationService.list} writes it, with bind parameters,
 * 25 times on one connection of the service's own pool (so with the service's connection settings), and reads from
 * {@code pg_prepared_statements} how PostgreSQL planned those executions: every one with the values (custom), none
 * generic.
 */
@QuarkusTest
class ListPlanTest {

    /** The filter combination of the issue (unit + addressee + due range + year), as RecommendationService writes it. */
    static final String LIST_SQL = "SELECT " + RecommendationRows.COLUMNS
            + " FROM recommendation r WHERE true AND r.unit_code = ANY(?)"
            + " AND r.addressee_types @> CAST(ARRAY[?] AS text[]) AND r.due_date >= ? AND r.due_date <= ?"
            + " AND r.year_assessed = ? ORDER BY r.due_date, r.id LIMIT 51";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void listIsPlannedWithItsValuesAfterManyExecutions() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String[] units = {"06", "058", "01834", "01837", "01840", "01855"};
            try (PreparedStatement ps = c.prepareStatement(LIST_SQL)) {
                for (int run = 0; run < 25; run++) {
                    ps.setArray(1, c.createArrayOf("text", units));
                    ps.setString(2, run % 2 == 0 ? "WOMENS_UNION" : "GOVERNMENT");
                    ps.setObject(3, LocalDate.of(2022, 1, 1).plusDays(run));
                    ps.setObject(4, LocalDate.of(2023, 12, 31));
                    ps.setInt(5, 2021);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            // read every row, as the service does
                        }
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT generic_plans, custom_plans"
                    + " FROM pg_prepared_statements WHERE statement LIKE '%r.addressee_types @>%'");
                    ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next(), "the driver made the list a server-side prepared statement");
                long generic = rs.getLong(1);
                long custom = rs.getLong(2);
                assertEquals(0, generic, "executions planned generically (without the values)");
                assertTrue(custom >= 20, "executions planned with their values: " + custom);
            }
        }
    }

    @Inject
    Pool pool;

    /**
     * The same through the reactive client, which the list now reads on: it prepares each statement once per
     * connection and keeps it (a server-side prepared statement from the first execution), so the plan cache mode
     * must reach its sessions too, as a start-up parameter; and so must the statement and lock timeouts.
     */
    @Test
    void theReactiveClientsListIsPlannedWithItsValuesToo() {
        String[] units = {"06", "058", "01834", "01837", "01840", "01855"};
        String sql = RecommendationRows.numbered(LIST_SQL);
        Row stats = pool.withConnection(c -> {
            Uni<Void> runs = Uni.createFrom().voidItem();
            for (int run = 0; run < 25; run++) {
                Tuple values = Tuple.of(units, run % 2 == 0 ? "WOMENS_UNION" : "GOVERNMENT",
                        LocalDate.of(2022, 1, 1).plusDays(run), LocalDate.of(2023, 12, 31), 2021);
                runs = runs.chain(() -> c.preparedQuery(sql).execute(values).replaceWithVoid());
            }
            return runs.chain(() -> c.query("SELECT generic_plans, custom_plans,"
                    + " current_setting('plan_cache_mode') AS mode, current_setting('statement_timeout') AS st,"
                    + " current_setting('lock_timeout') AS lt"
                    + " FROM pg_prepared_statements WHERE statement LIKE '%r.addressee_types @>%'").execute())
                    .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
        }).await().indefinitely();
        assertNotNull(stats, "the reactive client kept the list as a server-side prepared statement");
        assertEquals("force_custom_plan", stats.getString("mode"));
        assertEquals("15s", stats.getString("st"));
        assertEquals("5s", stats.getString("lt"));
        assertEquals(0, stats.getLong("generic_plans"), "executions planned generically (without the values)");
        assertTrue(stats.getLong("custom_plans") >= 20, "executions planned with their values: " + stats.toJson());
    }
}
