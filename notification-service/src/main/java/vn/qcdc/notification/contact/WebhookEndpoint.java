package vn.qcdc.notification.contact;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A webhook endpoint (điểm nhận webhook) of a contact, signed per Standard Webhooks with one or, during a rotation,
 * two secrets ({@code whsec_<base64>}). Disabled when it answers 410 or keeps failing, until an admin re-enables it.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint extends PanacheEntityBase {

    @Id
    public UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "contact_id")
    public Contact contact;
    public String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] secrets;
    public boolean enabled;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;
    @Column(name = "failing_since")
    public OffsetDateTime failingSince;
}
