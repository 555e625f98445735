package vn.qcdc.notification.contact;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import vn.qcdc.events.BodyType;
import vn.qcdc.notification.digest.DigestFrequency;

/** The API shapes of contacts. */
public final class ContactDto {

    /** A Standard Webhooks secret: {@code whsec_} and the base64 of 24 to 64 random bytes. */
    public static final String SECRET_PATTERN = "whsec_[A-Za-z0-9+/]{32,88}={0,2}";

    private ContactDto() {
    }

    /**
     * A webhook endpoint: its URL and its signing secrets, the current one first; during a rotation both the new and
     * the old secret are listed and every delivery carries both signatures.
     */
    public record WebhookInput(@NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = SECRET_PATTERN) String> secrets) {
    }

    /** Creates or replaces a contact. */
    public record ContactInput(
            @NotNull BodyType bodyType,
            @NotBlank @Size(max = 20) String unitCode,
            @NotBlank @Size(max = 300) String name,
            Contact.Language language,
            @Size(max = 20) List<@NotNull @Email @Size(max = 320) String> emails,
            @Size(max = 10) List<@NotNull @Valid WebhookInput> webhooks,
            @Size(max = 200) List<@NotBlank @Size(max = 200) String> inboxUsers, DigestFrequency digest) {
    }

    /** A webhook endpoint as shown: never its secrets, only how many there are. */
    public record WebhookView(UUID id, String url, int secretCount, boolean enabled, String disabledReason,
            OffsetDateTime disabledAt, OffsetDateTime failingSince) {
    }

    public record ContactView(UUID id, BodyType bodyType, String unitCode, String unitName, String name,
            Contact.Language language, DigestFrequency digest, List<String> emails, List<WebhookView> webhooks,
            List<String> inboxUsers,
            long version, OffsetDateTime createdAt, String createdBy, OffsetDateTime updatedAt, String updatedBy) {
    }
}
