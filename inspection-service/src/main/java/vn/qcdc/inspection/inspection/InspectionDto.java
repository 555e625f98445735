package vn.qcdc.inspection.inspection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.dvk.DvkModelFigures;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationInput;

/** The API shapes of inspections, findings, evidence and conclusions. Every text is bounded. */
public final class InspectionDto {

    private InspectionDto() {
    }

    /** Schedules an inspection of a ward/commune by a delegation. */
    public record InspectionInput(
            @NotNull UUID delegationId,
            @NotBlank @Size(max = 20) String unitCode,
            @NotNull LocalDate scheduledDate,
            @NotNull @Min(2000) @Max(2100) Integer yearAssessed,
            @NotEmpty Set<Delegation.@NotNull Topic> topics,
            @Size(max = 4000) String internalNote,
            Boolean publicDisclosure) {
    }

    /** Changes a planned or running inspection (If-Match). */
    public record InspectionUpdate(
            @NotNull LocalDate scheduledDate,
            @NotNull @Min(2000) @Max(2100) Integer yearAssessed,
            @NotEmpty Set<Delegation.@NotNull Topic> topics,
            @Size(max = 4000) String internalNote,
            Boolean publicDisclosure) {
    }

    /** A reason, required to cancel or reject. */
    public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
    }

    public record IndicatorInput(
            @NotBlank @Size(max = 300) String name,
            @NotNull @DecimalMin("-1000000000000") @DecimalMax("1000000000000") BigDecimal value,
            @Size(max = 50) String unit) {
    }

    public record FindingInput(
            @NotNull Finding.Kind kind,
            @NotNull Area area,
            @NotBlank @Size(max = 10000) String text,
            @Size(max = 20) List<@NotNull @Valid IndicatorInput> indicators) {
    }

    /** Evidence linked by URI (http/https). */
    public record EvidenceLinkInput(
            @NotBlank @Size(max = 300) String title,
            @NotNull Evidence.Kind kind,
            @Size(max = 100) String referenceNumber,
            LocalDate documentDate,
            @NotBlank @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$") String uri) {
    }

    /** The conclusion (kết luận) with the recommendations it issues. */
    public record ConclusionInput(
            @NotBlank @Size(max = 20000) String text,
            @NotBlank @Size(max = 200) String signer,
            @Size(max = 300) String signerTitle,
            @NotNull LocalDate date,
            Boolean publicDisclosure,
            @NotNull @Size(max = 100) List<@NotNull @Valid RecommendationInput> recommendations) {
    }

    public record ConclusionView(String text, String signer, String signerTitle, LocalDate date,
            OffsetDateTime concludedAt) {
    }

    public record InspectionView(UUID id, UUID delegationId, String delegationName, String unitCode, String unitName,
            String steeringUnitCode, LocalDate scheduledDate, int yearAssessed, Set<Delegation.Topic> topics,
            Inspection.Status status, String cancelReason, String internalNote, boolean publicDisclosure,
            ConclusionView conclusion, long recommendationCount, DvkModelFigures dvkModels, long version,
            OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt, String updatedBy) {
    }

    public record FindingView(UUID id, UUID inspectionId, Finding.Kind kind, Area area, String text,
            List<Finding.Indicator> indicators, boolean amendment, UUID amendsId, boolean superseded, long version,
            OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt, String updatedBy) {
    }

    public record EvidenceView(UUID id, UUID inspectionId, String title, Evidence.Kind kind, String referenceNumber,
            LocalDate documentDate, String uri, String fileName, String contentType, Long sizeBytes, String sha256,
            String downloadUrl, OffsetDateTime createdAt, String createdBy) {
    }
}
