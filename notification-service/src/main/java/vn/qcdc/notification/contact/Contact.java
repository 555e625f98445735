package vn.qcdc.notification.contact;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A contact (đầu mối nhận thông báo): a body at an administrative unit, e.g. the Women's Union of Xuất Hóa ward, and
 * the channels it is reached on: email addresses, webhook endpoints of a portal, users of the in-app inbox. One
 * contact per (body, unit): that is the address a recommendation or a model names.
 */
@Entity
public class Contact extends PanacheEntityBase {

    /** The language notifications to this contact are written in. */
    @Schema(name = "Language")
    public enum Language {
        vi, en
    }

    @Id
    public UUID id;
    @Column(name = "body_type")
    public String bodyType;
    @Column(name = "unit_code")
    public String unitCode;
    public String name;
    @Column(name = "name_key")
    public String nameKey;
    public String language;
    /** {@code DigestFrequency}: reminders at once, or in a daily or weekly digest. */
    public String digest = "IMMEDIATE";
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] emails;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "inbox_users")
    public String[] inboxUsers;
    @OneToMany(mappedBy = "contact", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.EAGER)
    @OrderBy("url")
    public List<WebhookEndpoint> webhooks = new ArrayList<>();
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
    @Version
    public long version;
}
