package vn.qcdc.inspection.history;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.api.access.Access;
import vn.qcdc.backbone.PlainWrites;

/**
 * The change history (lịch sử thay đổi) of inspections and recommendations: who did what, when, with the details
 * that matter (old and new due date, reasons…). Written in the same transaction as the change, append-only.
 */
@ApplicationScoped
public class ChangeHistory {

    @Schema(name = "HistoryAggregateType")
    public enum AggregateType {
        INSPECTION, RECOMMENDATION
    }

    /** One entry of a history. */
    public record Entry(long id, AggregateType aggregateType, UUID aggregateId, OffsetDateTime at, String actor,
            String action,
            @Schema(description = "Chi tiết thay đổi (change detail): the fields the action set, "
                    + "as a JSON object") JsonNode detail) {
    }

    @Inject
    EntityManager em;

    @Inject
    PlainWrites writes;

    @Inject
    ObjectMapper mapper;

    @Inject
    Access access;

    @Inject
    Clock clock;

    private static final String INSERT = "INSERT INTO change_history (aggregate_type, aggregate_id, inspection_id, at,"
            + " actor, action, detail) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AggregateType type, UUID aggregateId, UUID inspectionId, String action,
            Map<String, ?> detail) {
        String json;
        try {
            json = mapper.writeValueAsString(detail == null ? Map.of() : detail);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        // An append-only table no entity maps and nothing references, and nothing reads it back in the writer's
        // transaction: it goes with the transaction's other last writes, in one round trip (PlainWrites#later).
        writes.later(INSERT, type.name(), aggregateId, inspectionId, OffsetDateTime.now(clock),
                access.actor(), action, json);
    }

    /** Everything that happened to an inspection, including its findings, evidence and recommendations. */
    @Transactional
    public List<Entry> ofInspection(UUID inspectionId) {
        return query("inspection_id", inspectionId);
    }

    @Transactional
    public List<Entry> ofRecommendation(UUID recommendationId) {
        return query("aggregate_id", recommendationId);
    }

    private List<Entry> query(String column, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, aggregate_type, aggregate_id, at, actor, action,"
                + " CAST(detail AS text) FROM change_history WHERE " + column + " = ?1 ORDER BY id")
                .setParameter(1, id).getResultList();
        List<Entry> out = new ArrayList<>();
        for (Object[] r : rows) {
            try {
                out.add(new Entry(((Number) r[0]).longValue(), AggregateType.valueOf((String) r[1]), (UUID) r[2],
                        toOffset(r[3]), (String) r[4], (String) r[5], mapper.readTree((String) r[6])));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime odt) {
            return odt;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + o);
    }
}
