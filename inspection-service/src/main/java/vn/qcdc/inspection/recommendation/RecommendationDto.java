package vn.qcdc.inspection.recommendation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import vn.qcdc.events.BodyType;
import vn.qcdc.events.inspection.InspectionEvents.Addressee;
import vn.qcdc.inspection.inspection.Area;

/** The API shapes of recommendations and their follow-up. */
public final class RecommendationDto {

    private RecommendationDto() {
    }

    /** A body a recommendation is addressed to; {@code unitCode} defaults to the inspected unit. */
    public record AddresseeInput(@NotNull BodyType bodyType, @Size(max = 20) String unitCode,
            @Size(max = 300) String name) {
    }

    public record RecommendationInput(
            @NotBlank @Size(max = 5000) String content,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid AddresseeInput> addressees,
            @NotNull Area area,
            Recommendation.Priority priority,
            @NotNull LocalDate dueDate) {
    }

    /** Evidence of a progress or completion report: a link, or a document uploaded to the inspection. */
    @Schema(name = "ReportEvidenceInput")
    public record EvidenceLinkInput(@NotBlank @Size(max = 300) String title,
            @Size(max = 2000) @Pattern(regexp = "^https?://\\S+$") String uri, UUID evidenceId) {
    }

    /** {@code reportedOn}: the day of the report when it is entered later (default today). */
    public record ProgressInput(
            @NotBlank @Size(max = 5000) String text,
            @NotNull @Min(0) @Max(100) Integer percent,
            @Size(max = 20) List<@NotNull @Valid EvidenceLinkInput> evidence,
            LocalDate reportedOn) {

        public ProgressInput(String text, Integer percent, List<EvidenceLinkInput> evidence) {
            this(text, percent, evidence, null);
        }
    }

    /** {@code reportedOn}: the day completion was reported when it is entered later (default today). */
    public record CompletionInput(
            @NotBlank @Size(max = 5000) String text,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid EvidenceLinkInput> evidence,
            LocalDate reportedOn) {

        public CompletionInput(String text, List<EvidenceLinkInput> evidence) {
            this(text, evidence, null);
        }
    }

    /** {@code verifiedOn}: the day of the verification when it is entered later (default today). */
    public record VerifyInput(@Size(max = 2000) String note, LocalDate verifiedOn) {
    }

    public record DeadlineInput(@NotNull LocalDate dueDate, @NotBlank @Size(max = 2000) String reason) {
    }

    public record RecommendationView(UUID id, UUID inspectionId, int seq, String content, String unitCode,
            String unitName, String steeringUnitCode, int yearAssessed, Area area, Recommendation.Priority priority,
            LocalDate dueDate, LocalDate originalDueDate, Recommendation.Status status, boolean overdue,
            List<Addressee> addressees, int progressPercent, String lastReason, OffsetDateTime completionReportedAt,
            OffsetDateTime verifiedAt, long version, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime updatedAt, String updatedBy, LocalDate completionReportedOn, LocalDate verifiedOn) {
    }

    public record ReportView(UUID id, UUID recommendationId, ProgressReport.Kind kind, String text, int percent,
            List<ProgressReport.EvidenceLink> evidence, String reportedBy, String reportedFor,
            OffsetDateTime reportedAt, LocalDate reportedOn) {
    }
}
