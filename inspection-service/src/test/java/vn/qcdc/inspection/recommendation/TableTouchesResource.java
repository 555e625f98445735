package vn.qcdc.inspection.recommendation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hibernate.Session;

import vn.qcdc.api.security.Roles;
import vn.qcdc.backbone.PlainWrites;
import vn.qcdc.inspection.recommendation.RecommendationDto.ProgressInput;

/**
 * Test sources only (not in the service): runs a progress report through {@link RecommendationResource}, inside a
 * transaction of its own, and answers what the report did to each table as PostgreSQL counts it for that transaction
 * ({@code pg_stat_xact_user_tables}: index scans, sequential scans, rows inserted and updated). Every statement of
 * the report runs on the transaction's connection, so the counts are the report's and nobody else's.
 */
@Path("/test/table-touches")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TableTouchesResource {

    @Inject
    RecommendationResource api;

    @Inject
    EntityManager em;

    @Inject
    PlainWrites writes;

    @POST
    @Path("recommendations/{id}/progress")
    @Transactional
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Map<String, Map<String, Long>> progress(@PathParam("id") UUID id, ProgressInput in) {
        Map<String, Map<String, Long>> before = counts();
        int status = api.progress(id, null, UUID.randomUUID().toString(), in).getStatus();
        if (status != 200) {
            throw new IllegalStateException("the report was answered " + status);
        }
        writes.flush();
        Map<String, Map<String, Long>> after = counts();
        after.forEach((table, counts) -> counts.replaceAll(
                (what, n) -> n - before.getOrDefault(table, Map.of()).getOrDefault(what, 0L)));
        after.values().removeIf(counts -> counts.values().stream().allMatch(n -> n == 0));
        return after;
    }

    private Map<String, Map<String, Long>> counts() {
        return em.unwrap(Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT relname, seq_scan, idx_scan, n_tup_ins,"
                    + " n_tup_upd FROM pg_stat_xact_user_tables"); ResultSet rs = ps.executeQuery()) {
                Map<String, Map<String, Long>> tables = new TreeMap<>();
                while (rs.next()) {
                    Map<String, Long> counts = new TreeMap<>();
                    counts.put("seqScans", rs.getLong(2));
                    counts.put("indexScans", rs.getLong(3));
                    counts.put("inserted", rs.getLong(4));
                    counts.put("updated", rs.getLong(5));
                    tables.put(rs.getString(1), counts);
                }
                return tables;
            }
        });
    }
}
