package vn.qcdc.inspection.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
