package vn.qcdc.inspection.delegation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The API shapes of delegations. */
public final class DelegationDto {

    private DelegationDto() {
    }

    public record MemberInput(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 300) String title,
            @NotNull Delegation.MemberRole role) {
    }

    /** Creates or replaces a delegation. */
    public record DelegationInput(
            @NotBlank @Size(max = 300) String name,
            @NotBlank @Size(max = 300) String committeeName,
            @NotNull Delegation.CommitteeLevel committeeLevel,
            @NotBlank @Size(max = 20) String committeeUnitCode,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotEmpty Set<Delegation.@NotNull Topic> topics,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid MemberInput> members) {
    }

    public record DelegationView(UUID id, String name, String committeeName, Delegation.CommitteeLevel committeeLevel,
            String committeeUnitCode, String committeeUnitName, int year, Set<Delegation.Topic> topics,
            List<Delegation.Member> members, long version, OffsetDateTime createdAt, String createdBy,
            OffsetDateTime updatedAt, String updatedBy) {
    }
}
