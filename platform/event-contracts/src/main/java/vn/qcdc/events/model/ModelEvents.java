package vn.qcdc.events.model;

import java.time.LocalDate;
import java.util.UUID;

import vn.qcdc.events.BodyType;

/**
 * Data of the events model-registry-service publishes on {@link vn.qcdc.events.Topics#MODEL} (record key: the model
 * id). Every event carries the model's {@link ModelSnapshot} after the change, so a consumer can keep a read model
 * (counts per unit, year, organisation, field) by upserting it, whatever event it is.
 */
public final class ModelEvents {

    private ModelEvents() {
    }

    /** The model as it stands after the event. {@code status} is the life-cycle state name. */
    public record ModelSnapshot(UUID modelId, String name, String unitCode, BodyType orgType, int year, String field,
            String kind, String status, boolean outstanding) {
    }

    /** {@code model.registered.v1}. */
    public record ModelRegistered(ModelSnapshot model, String registeredBy) {
    }

    /** {@code model.updated.v1}. */
    public record ModelUpdated(ModelSnapshot model, String updatedBy) {
    }

    /** {@code model.results-reported.v1}. */
    public record ModelResultsReported(ModelSnapshot model, UUID reportId, String reportedBy) {
    }

    /** {@code model.status-changed.v1}: every life-cycle transition (also those with a specific event below). */
    public record ModelStatusChanged(ModelSnapshot model, String from, String to, String reason, String changedBy) {
    }

    /** {@code model.recognised.v1}. */
    public record ModelRecognised(ModelSnapshot model, String decisionNumber, LocalDate decisionDate,
            String recognisingLevel, String recognisingBody, boolean outstanding) {
    }

    /** {@code model.not-recognised.v1}. */
    public record ModelNotRecognised(ModelSnapshot model, String reason) {
    }

    /** {@code model.withdrawn.v1}. */
    public record ModelWithdrawn(ModelSnapshot model, String reason) {
    }
}
