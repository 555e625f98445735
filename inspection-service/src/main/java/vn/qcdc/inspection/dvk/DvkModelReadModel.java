package vn.qcdc.inspection.dvk;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.backbone.consumer.EventHandler;
import vn.qcdc.backbone.consumer.IncomingEvent;
import vn.qcdc.backbone.consumer.PoisonEventException;
import vn.qcdc.events.EventTypes;
import vn.qcdc.events.Topics;
import vn.qcdc.events.model.ModelEvents.ModelSnapshot;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Keeps the local read model of "Dân vận khéo" models (mô hình "Dân vận khéo") from model-registry events, so an
 * inspection shows how many models its unit registered and had recognised without a synchronous call. Every model
 * event carries the model's snapshot after the change, so whatever the event, the handler upserts that snapshot.
 */
@ApplicationScoped
public class DvkModelReadModel implements EventHandler {

    public static final String RECOGNISED = "RECOGNISED";
    public static final String WITHDRAWN = "WITHDRAWN";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    AdministrativeUnits units;

    @Override
    public String name() {
        return "inspection-dvk-models";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.MODEL.name());
    }

    @Override
    public boolean accepts(String type) {
        return type != null && type.startsWith(EventTypes.PREFIX + "model.");
    }

    @Override
    public void handle(IncomingEvent event) {
        JsonNode model = event.json().get("model");
        if (model == null || !model.isObject()) {
            throw new PoisonEventException("Event " + event.type() + " carries no model snapshot");
        }
        ModelSnapshot s;
        try {
            s = mapper.treeToValue(model, ModelSnapshot.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("Model snapshot of " + event.type() + " is invalid: " + e.getMessage(), e);
        }
        if (s.modelId() == null || s.unitCode() == null || s.status() == null) {
            throw new PoisonEventException("Model snapshot lacks modelId, unitCode or status");
        }
        em.createNativeQuery("INSERT INTO dvk_model (model_id, name, unit_code, org_type, year, field, kind, status,"
                + " outstanding, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (model_id)"
                + " DO UPDATE SET name = EXCLUDED.name, unit_code = EXCLUDED.unit_code, org_type = EXCLUDED.org_type,"
                + " year = EXCLUDED.year, field = EXCLUDED.field, kind = EXCLUDED.kind, status = EXCLUDED.status,"
                + " outstanding = EXCLUDED.outstanding, updated_at = EXCLUDED.updated_at")
                .setParameter(1, s.modelId()).setParameter(2, s.name()).setParameter(3, s.unitCode())
                .setParameter(4, s.orgType() == null ? null : s.orgType().name()).setParameter(5, s.year())
                .setParameter(6, s.field()).setParameter(7, s.kind()).setParameter(8, s.status())
                .setParameter(9, s.outstanding()).setParameter(10, OffsetDateTime.now(clock)).executeUpdate();
    }

    /** Figures of {@code unitCode} (and the units below it or merged into it) for {@code year}. */
    public DvkModelFigures figures(String unitCode, int year) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT count(*) FILTER (WHERE status <> ?3),"
                + " count(*) FILTER (WHERE status = ?4), count(*) FILTER (WHERE status = ?4 AND outstanding)"
                + " FROM dvk_model WHERE unit_code = ANY(?1) AND year = ?2")
                .setParameter(1, units.coverage(unitCode).toArray(String[]::new)).setParameter(2, year)
                .setParameter(3, WITHDRAWN)
                .setParameter(4, RECOGNISED).getSingleResult();
        return new DvkModelFigures(unitCode, year, ((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue());
    }
}
