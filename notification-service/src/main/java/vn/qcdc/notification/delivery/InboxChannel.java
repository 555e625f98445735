package vn.qcdc.notification.delivery;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The in-app inbox: the entry is written in the delivery's own transaction, so it exists exactly when the delivery
 * is marked sent.
 */
@ApplicationScoped
public class InboxChannel {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome send(Delivery d) {
        em.createNativeQuery("INSERT INTO inbox_item (id, delivery_id, user_subject, kind, title, body,"
                + " recommendation_id, unit_code, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS uuid), ?8, ?9)"
                + " ON CONFLICT (delivery_id) DO NOTHING").setParameter(1, UUID.randomUUID()).setParameter(2, d.id)
                .setParameter(3, d.recipient).setParameter(4, d.sourceKind).setParameter(5, d.subject)
                .setParameter(6, d.body)
                .setParameter(7, d.recommendationId == null ? null : d.recommendationId.toString())
                .setParameter(8, d.unitCode).setParameter(9, OffsetDateTime.now(clock)).executeUpdate();
        return Outcome.ok();
    }
}
