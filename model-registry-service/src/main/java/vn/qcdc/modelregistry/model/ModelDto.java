package vn.qcdc.modelregistry.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.model.DvkModel.CommendationProposal;
import vn.qcdc.modelregistry.model.DvkModel.Field;
import vn.qcdc.modelregistry.model.DvkModel.Indicator;
import vn.qcdc.modelregistry.model.DvkModel.Kind;
import vn.qcdc.modelregistry.model.DvkModel.Level;
import vn.qcdc.modelregistry.model.DvkModel.Proposal;
import vn.qcdc.modelregistry.model.DvkModel.Recognition;
import vn.qcdc.modelregistry.model.DvkModel.SelfEvaluation;
import vn.qcdc.modelregistry.model.DvkModel.Status;

/** The API shapes of "Dân vận khéo" models. */
public final class ModelDto {

    private ModelDto() {
    }

    public record IndicatorInput(@NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) BigDecimal target,
            @NotBlank @Size(max = 50) String unit) {
    }

    public record IndicatorValueInput(@NotBlank @Size(max = 200) String name,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 4) BigDecimal achieved,
            @Size(max = 1000) String note) {
    }

    /** Registers a model, or replaces its registration details (PUT, while REGISTERED or IMPLEMENTING). */
    public record ModelInput(
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 20) String unitCode,
            @NotNull BodyType orgType,
            @Size(max = 300) String orgName,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotNull Field field,
            @NotNull Kind kind,
            @NotBlank @Size(max = 300) String holderName,
            @Size(max = 5000) String description,
            @Size(max = 5000) String objectives,
            LocalDate startDate,
            @Size(max = 2000) String participants,
            @Size(max = 2000) String beneficiaries,
            @Size(max = 30) List<@NotNull @Valid IndicatorInput> indicators) {
    }

    /** A transition that needs no more than an optional note (start of implementation). */
    public record NoteInput(@Size(max = 2000) String note) {
    }

    /** A transition that needs a reason (withdrawal, not recognised). */
    public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
    }

    public record EvidenceInput(@Size(max = 2000) String uri, UUID evidenceId, @Size(max = 300) String title) {
    }

    public record ReportInput(LocalDate periodEnd, @NotBlank @Size(max = 10000) String summary,
            @Size(max = 30) List<@NotNull @Valid IndicatorValueInput> indicatorValues,
            @Size(max = 20) List<@NotNull @Valid EvidenceInput> evidence) {
    }

    public record SelfEvaluationInput(@NotBlank @Size(max = 10000) String summary,
            @Size(max = 30) List<@NotNull @Valid IndicatorValueInput> indicators) {
    }

    public record ProposalInput(@NotNull Level level, @NotBlank @Size(max = 20) String unitCode,
            @NotBlank @Size(max = 300) String body, @Size(max = 2000) String note) {
    }

    public record RecognitionInput(@NotBlank @Size(max = 100) String decisionNumber, @NotNull LocalDate decisionDate,
            @NotNull Level level, @NotBlank @Size(max = 300) String body, Boolean outstanding) {
    }

    public record CommendationInput(@NotNull Level level, @NotBlank @Size(max = 300) String body,
            @Size(max = 2000) String note) {
    }

    public record ContinuationInput(@NotNull @Min(2000) @Max(2100) Integer year, @Size(max = 2000) String note) {
    }

    /**
     * A model as the API shows it. {@code unitCode}/{@code unitName} are the unit as it was at registration;
     * {@code currentUnitCode}/{@code currentUnitName} the unit that carries it today (after a merger, its successor).
     */
    public record ModelView(UUID id, String name, String unitCode, String unitName, String currentUnitCode,
            String currentUnitName, BodyType orgType, String orgName, int year, Field field, Kind kind,
            String holderName, String description, String objectives, LocalDate startDate, String participants,
            String beneficiaries, List<Indicator> indicators, Status status, boolean outstanding,
            String statusReason, SelfEvaluation selfEvaluation, Proposal proposal, Recognition recognition,
            CommendationProposal commendationProposal, UUID previousModelId, UUID nextModelId, long version,
            OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt, String updatedBy) {
    }

    public record HistoryView(String action, Status from, Status to, String reason, String actor, OffsetDateTime at) {
    }

    public record ReportView(UUID id, UUID modelId, LocalDate periodEnd, String summary,
            List<DvkModel.IndicatorValue> indicatorValues, List<ResultReport.EvidenceRef> evidence,
            OffsetDateTime reportedAt, String reportedBy) {
    }

    public record EvidenceView(UUID id, UUID modelId, String fileName, String contentType, long sizeBytes,
            String sha256, OffsetDateTime uploadedAt, String uploadedBy) {
    }
}
