package vn.qcdc.notification.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.backbone.AfterCommit;
import vn.qcdc.notification.contact.Contact;
import vn.qcdc.notification.contact.WebhookEndpoint;
import vn.qcdc.notification.digest.DigestPolicy;

/**
 * Creates the deliveries of one notification to one contact: one per email address, enabled webhook endpoint and
 * inbox user. {@code INSERT … ON CONFLICT DO NOTHING} on (source, recipient, channel) makes this safe to run any
 * number of times, concurrently, from any replica.
 */
@ApplicationScoped
public class DeliveryPlanner {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper mapper;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    DeliveryWorker worker;

    /**
     * What to send: its source (the exactly-once key), kind, unit and payload; texts are rendered per contact from
     * {@code textArgs}, unless the notification was written for one contact already ({@code text}, a digest).
     */
    public record Notification(String source, Delivery.Kind kind, UUID recommendationId, String stepKey,
            String unitCode, Map<String, Object> payload, Object[] textArgs, Notices.Text text) {

        public Notification(String source, Delivery.Kind kind, UUID recommendationId, String stepKey,
                String unitCode, Map<String, Object> payload, Object[] textArgs) {
            this(source, kind, recommendationId, stepKey, unitCode, payload, textArgs, null);
        }
    }

    /**
     * Returns how many deliveries were created now (0 when they all existed). Inbox deliveries are written, with their
     * entries, and marked sent at once; for emails and webhooks the delivery worker is woken when the transaction commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int plan(Notification n, Contact c) {
        Notices.Text text = n.text() != null ? n.text() : Notices.render(n.kind(), c.language, n.textArgs());
        int created = 0;
        // a contact with a digest gets the reminders it covers in the digest instead (DigestPolicy)
        boolean byEmail = DigestPolicy.sends(n.source(), n.kind(), c, Delivery.Channel.EMAIL);
        boolean byWebhook = DigestPolicy.sends(n.source(), n.kind(), c, Delivery.Channel.WEBHOOK);
        boolean byInbox = DigestPolicy.sends(n.source(), n.kind(), c, Delivery.Channel.INBOX);
        for (String email : byEmail ? c.emails : new String[0]) {
            created += insert(n, c, Delivery.Channel.EMAIL, email, null, text).size();
        }
        for (WebhookEndpoint w : c.webhooks) {
            if (w.enabled && byWebhook) {
                created += insert(n, c, Delivery.Channel.WEBHOOK, w.url, w.id, text).size();
            }
        }
        if (created > 0) {
            AfterCommit.wake(tsr, DeliveryWorker.class, worker::wakeUp);
        }
        for (String user : byInbox ? c.inboxUsers : new String[0]) {
            // An inbox entry is a row of this database: written now, in the transaction that plans it, so it exists
            // exactly when the event that caused it is processed (no second transaction, no wait for the worker).
            if (insertInbox(n, c, user, text)) {
                worker.inboxSent(n.kind(), n.recommendationId(), n.stepKey(), user, OffsetDateTime.now(clock));
                created++;
            }
        }
        return created;
    }

    public int plan(Notification n, List<Contact> contacts) {
        int created = 0;
        for (Contact c : contacts) {
            created += plan(n, c);
        }
        return created;
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    /**
     * Inserts an inbox delivery, already sent, and its inbox entry in one statement (the event consumer's hot path:
     * one round trip instead of insert, load, entry and update), unless the delivery exists; true if created now.
     */
    private boolean insertInbox(Notification n, Contact c, String user, Notices.Text text) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return em.createNativeQuery("WITH d AS (INSERT INTO delivery (id, source, source_kind, recommendation_id,"
                + " step_key, unit_code, contact_id, channel, recipient, language, subject, body, payload, status,"
                + " attempts, next_attempt_at, sent_at, created_at, updated_at, version) VALUES (?1, ?2, ?3,"
                + " CAST(?4 AS uuid), ?5, ?6, ?7, 'INBOX', ?8, ?9, ?10, ?11, CAST(?12 AS jsonb), 'SENT', 1, ?13, ?13,"
                + " ?13, ?13, 0) ON CONFLICT (source, recipient, channel) DO NOTHING RETURNING id)"
                + " INSERT INTO inbox_item (id, delivery_id, user_subject, kind, title, body, recommendation_id,"
                + " unit_code, created_at) SELECT ?14, d.id, ?8, ?3, ?10, ?11, CAST(?4 AS uuid), ?6, ?13 FROM d")
                .setParameter(1, UUID.randomUUID()).setParameter(2, n.source()).setParameter(3, n.kind().name())
                .setParameter(4, str(n.recommendationId())).setParameter(5, n.stepKey())
                .setParameter(6, n.unitCode()).setParameter(7, c.id).setParameter(8, user)
                .setParameter(9, c.language).setParameter(10, text.subject()).setParameter(11, text.body())
                .setParameter(12, json(n.payload())).setParameter(13, now).setParameter(14, UUID.randomUUID())
                .executeUpdate() > 0;
    }

    private String json(Map<String, Object> payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload not serialisable", e);
        }
    }

    /** Inserts one delivery unless it exists; returns its id if it was created now. */
    @SuppressWarnings("unchecked")
    private List<UUID> insert(Notification n, Contact c, Delivery.Channel channel, String recipient, UUID endpoint,
            Notices.Text text) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String payload = json(n.payload());
        return em.createNativeQuery("INSERT INTO delivery (id, source, source_kind, recommendation_id, step_key,"
                + " unit_code, contact_id, channel, recipient, webhook_endpoint_id, language, subject, body, payload,"
                + " status, attempts, next_attempt_at, created_at, updated_at, version) VALUES (?1, ?2, ?3, CAST(?4 AS uuid), ?5,"
                + " ?6, ?7, ?8, ?9, CAST(?10 AS uuid), ?11, ?12, ?13, CAST(?14 AS jsonb), 'PENDING', 0, ?15, ?15, ?15, 0)"
                + " ON CONFLICT (source, recipient, channel) DO NOTHING RETURNING id", UUID.class)
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, n.source()).setParameter(3, n.kind().name()).setParameter(4, str(n.recommendationId()))
                .setParameter(5, n.stepKey()).setParameter(6, n.unitCode()).setParameter(7, c.id)
                .setParameter(8, channel.name()).setParameter(9, recipient).setParameter(10, str(endpoint))
                .setParameter(11, c.language).setParameter(12, text.subject()).setParameter(13, text.body())
                .setParameter(14, payload).setParameter(15, now).getResultList();
    }
}
