package vn.qcdc.inspection.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import vn.qcdc.api.security.Roles;
import vn.qcdc.inspection.recommendation.RecommendationRows;
import vn.qcdc.units.AdministrativeUnits;

/**
 * The floor of the service's stack, for {@link ThroughputBenchmark} only (present only when the build runs with
 * {@code -Dqcdc.bench=true}): the same HTTP server, JWT verification and role check, worker thread, connection pool
 * and JSON writer as the real endpoints, but none of the service's own work. {@code get-floor} reads through JDBC
 * on a worker thread (as the GET did before it moved to the reactive client), {@code get-reactive-floor} through
 * the reactive client on the event loop (as the GET and the list read now). A GET runs pgbench's primary-key
 * {@code SELECT} and writes the row's columns as a JSON object; the list runs pgbench's {@code SELECT … LIMIT 51}
 * for unit 06 and status ISSUED and writes 50 rows so; a progress report runs pgbench's five statements in one
 * transaction. What the service does above this floor (Hibernate, the DTOs, ETags, idempotency, validation,
 * access rules) is the gap between these lines and the real ones; what the floor itself costs beside pgbench is the
 * part no change inside the service can remove.
 */
@Path("/bench/floor")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "qcdc.bench", stringValue = "true")
public class FloorResource {

    private static final String GET = "SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE r.id = ?";

    /** pgbench's list: unit 06 (the province and every unit within it, as one array), status ISSUED. */
    private static final String LIST = "SELECT " + RecommendationRows.COLUMNS
            + " FROM recommendation r WHERE true AND r.unit_code = ANY(?) AND r.status = ? ORDER BY r.due_date, r.id"
            + " LIMIT 51";
    private static final String[] COVERAGE_06 = AdministrativeUnits.builtIn().coverage("06").toArray(String[]::new);

    /** pgbench's progress script (ThroughputBenchmark): its values written in, the target's number bound. */
    private static final String[] PROGRESS = {
            "INSERT INTO idempotency_record (caller, idem_key, operation, request_hash)"
                    + " VALUES ('bench', gen_random_uuid()::text, 'POST /recommendations/x/progress', 'h')",
            "UPDATE recommendation SET status = 'IN_PROGRESS', progress_percent = 40, updated_at = now(),"
                    + " updated_by = 'bench', version = version + 1 WHERE id = (SELECT id FROM bench_target WHERE n = ?)",
            "INSERT INTO progress_report (id, recommendation_id, kind, text, percent, evidence, reported_by, reported_at,"
                    + " reported_on) SELECT gen_random_uuid(), id, 'PROGRESS', 'Đã triển khai', 40, '[]', 'bench', now(),"
                    + " current_date FROM bench_target WHERE n = ?",
            "INSERT INTO change_history (aggregate_type, aggregate_id, inspection_id, at, actor, action, detail)"
                    + " SELECT 'RECOMMENDATION', b.id, r.inspection_id, now(), 'bench', 'PROGRESS_REPORTED',"
                    + " '{\"percent\":40}' FROM bench_target b JOIN recommendation r ON r.id = b.id WHERE b.n = ?",
            "WITH v AS (INSERT INTO outbox_aggregate (topic, record_key, version) VALUES ('qcdc.inspection.events.v1',"
                    + " CAST(? AS text), 1) ON CONFLICT (topic, record_key) DO UPDATE SET version = outbox_aggregate.version + 1"
                    + " RETURNING version) INSERT INTO outbox_event (event_id, topic, record_key, type, source, subject,"
                    + " occurred_at, payload, aggregate_version) SELECT gen_random_uuid(), 'qcdc.inspection.events.v1',"
                    + " CAST(? AS text), 'vn.qcdc.inspection.recommendation.progress-reported.v1', '/inspection-service',"
                    + " 'recommendation/x', now(), '{\"percent\":40}', v.version FROM v"};

    @Inject
    DataSource ds;

    @Inject
    Pool pool;

    /**
     * The GET's floor on the reactive client, as the real GET reads now: pgbench's {@code SELECT} on the event loop,
     * the row's columns written as a JSON object of texts.
     */
    @GET
    @Path("reactive/{id}")
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER,
            Roles.ORG_OFFICER})
    public Uni<Map<String, Object>> reactiveGet(@PathParam("id") UUID id) {
        return pool.preparedQuery(GET.replace("?", "$1")).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw new NotFoundException();
            }
            Row row = rows.iterator().next();
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                Object v = row.getValue(i);
                m.put(row.getColumnName(i), v == null ? null : v.toString());
            }
            return m;
        });
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER,
            Roles.ORG_OFFICER})
    public Map<String, Object> get(@PathParam("id") UUID id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException();
                }
                return row(rs);
            }
        }
    }

    /** The current row's columns, by name, as text. */
    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getString(i));
        }
        return row;
    }

    @GET
    @Operation(hidden = true)
    @RolesAllowed({Roles.ADMIN, Roles.STEERING, Roles.INTEGRATION, Roles.VIEWER, Roles.UNIT_OFFICER,
            Roles.ORG_OFFICER})
    public List<Map<String, Object>> list() throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setArray(1, c.createArrayOf("text", COVERAGE_06));
            ps.setString(2, "ISSUED");
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && rows.size() < 50) {
                    rows.add(row(rs));
                }
            }
            return rows;
        }
    }

    @POST
    @Path("{n}/progress")
    @Operation(hidden = true)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> progress(@PathParam("n") int n) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (String sql : PROGRESS) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        long count = sql.chars().filter(ch -> ch == '?').count();
                        for (int i = 1; i <= count; i++) {
                            ps.setInt(i, n);
                        }
                        ps.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return Map.of("n", n);
    }
}
