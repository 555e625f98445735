package vn.qcdc.inspection.recommendation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.inspection.Api;
import vn.qcdc.inspection.demo.ReferenceScenario;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationView;

/**
 * The list and GET read recommendations with {@link RecommendationRows} (the reactive client, column by column), and
 * the transitions read the changed row back through JDBC, instead of Hibernate. Both must answer exactly what the
 * entity answers: every column, every type (timestamps with their offset and microseconds, dates, the addressees'
 * JSON), the nullable ones set.
 */
@QuarkusTest
class RecommendationRowsTest {

    @Inject
    RecommendationRows rows;

    @Inject
    EntityManager em;

    @Test
    void aRowReadsAsTheEntityReadsIt() {
        String inspection = Api.concludedInspection();
        UUID id = UUID.fromString((String) Api.recommendationsOf(inspection).get(0).get("id"));
        // The columns a fresh recommendation leaves empty, each with its own value.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE recommendation SET"
                + " last_reason = 'Chưa đủ hồ sơ', completion_reported_at = '2026-03-04 05:06:07.123456+00',"
                + " verified_at = '2026-04-05 06:07:08.654321+07', completion_reported_on = '2026-03-03',"
                + " verified_on = '2026-04-04', progress_percent = 37, status = 'VERIFIED' WHERE id = ?1")
                .setParameter(1, id).executeUpdate());
        LocalDate today = LocalDate.now();

        RecommendationView byEntity = QuarkusTransaction.requiringNew()
                .call(() -> RecommendationService.view(em.find(Recommendation.class, id), today));
        RecommendationView byRow = rows.byId(id, today).await().indefinitely();
        RecommendationView byJdbc = QuarkusTransaction.requiringNew().call(() -> rows.select("SELECT "
                + RecommendationRows.COLUMNS + " FROM recommendation r WHERE r.id = ?", List.of(id), today)).get(0);

        assertNotNull(byRow.verifiedAt());
        assertEquals("Chưa đủ hồ sơ", byRow.lastReason());
        for (RecommendationView read : List.of(byRow, byJdbc)) {
            assertEquals(byEntity, read);
            assertEquals(byEntity.addressees(), read.addressees());
            // Offsets too (equals on OffsetDateTime compares them): what the JSON answer shows.
            assertEquals(byEntity.verifiedAt().getOffset(), read.verifiedAt().getOffset());
            assertEquals(byEntity.createdAt().getOffset(), read.createdAt().getOffset());
        }
    }

    @Test
    void anUnknownIdIsNoRow() {
        assertNull(rows.byId(UUID.randomUUID(), LocalDate.now()).await().indefinitely());
    }

    @Test
    void parametersAreBoundInOrderWithTheirTypes() {
        String inspection = Api.concludedInspection();
        List<java.util.Map<String, Object>> issued = Api.recommendationsOf(inspection);
        UUID first = UUID.fromString((String) issued.get(0).get("id"));
        RecommendationView r = rows.byId(first, LocalDate.now()).await().indefinitely();
        String sql = "SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE r.unit_code = ANY(?)"
                + " AND r.inspection_id = ? AND r.due_date >= ? AND r.year_assessed = ? AND r.status = ?"
                + " ORDER BY r.seq";
        List<Object> params = List.of(new RecommendationRows.TextArray(new String[]{"x", r.unitCode()}),
                r.inspectionId(), LocalDate.of(2000, 1, 1), r.yearAssessed(), r.status().name());
        List<RecommendationView> found = rows.read(RecommendationRows.numbered(sql), params, LocalDate.now()).await()
                .indefinitely();
        assertEquals(QuarkusTransaction.requiringNew().call(() -> rows.select(sql, params, LocalDate.now())), found,
                "the same rows through JDBC, which the transitions use");
        assertEquals(issued.stream().map(i -> UUID.fromString((String) i.get("id"))).collect(Collectors.toSet()),
                found.stream().map(RecommendationView::id).collect(Collectors.toSet()));
        List<String> contents = ReferenceScenario.conclusion().recommendations().stream()
                .map(RecommendationDto.RecommendationInput::content).toList();
        assertEquals(contents, found.stream().map(RecommendationView::content).toList(),
                "in the order of the statement (seq)");
    }
}
