package vn.qcdc.notification.inbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An entry of a user's in-app inbox (hộp thư thông báo), for the mobile client. */
@Entity
@Table(name = "inbox_item")
public class InboxItem extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "delivery_id")
    public UUID deliveryId;
    @Column(name = "user_subject")
    public String userSubject;
    public String kind;
    public String title;
    public String body;
    @Column(name = "recommendation_id")
    public UUID recommendationId;
    @Column(name = "unit_code")
    public String unitCode;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "read_at")
    public OffsetDateTime readAt;

    /**
     * How many entries {@code subject} has not read: the count kept per user in {@code inbox_unread}, in the same
     * transaction as every write of an entry (V4_3__inbox_unread_count.sql), so one primary-key lookup.
     */
    public static long unreadOf(String subject) {
        Object n = getEntityManager().createNativeQuery("SELECT COALESCE((SELECT n FROM inbox_unread"
                + " WHERE user_subject = ?1), 0)").setParameter(1, subject).getSingleResult();
        return ((Number) n).longValue();
    }
}
