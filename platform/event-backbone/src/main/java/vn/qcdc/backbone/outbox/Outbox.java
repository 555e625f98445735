package vn.qcdc.backbone.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.events.Topics;

/**
 * Announces a state change: writes the event into the outbox in the caller's transaction, so the change and its
 * event commit or roll back together. Publishing to Kafka happens later, in {@link OutboxRelay}, which is woken as
 * soon as the transaction commits: a broker outage delays events and never fails the user's request.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Inject
    EventsConfig config;

    @Inject
    TransactionSynchronizationRegistry tsr;

    @Inject
    OutboxRelay relay;

    /** The service's clock when it has one (tests move it), else the system clock. */
    @Inject
    Instance<Clock> clock;

    /**
     * @param topic where the event goes
     * @param type the versioned CloudEvents type (see {@code vn.qcdc.events.EventTypes})
     * @param aggregateId the record key: one aggregate's events stay in order on one partition
     * @param subject the CloudEvents subject (what the event is about, e.g. {@code recommendation/<id>}), or null
     * @param data the payload, serialised as JSON
     * @return the event id (CloudEvents {@code id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(Topics.Topic topic, String type, String aggregateId, String subject, Object data) {
        UUID id = UUID.randomUUID();
        String payload;
        try {
            payload = mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event payload of " + type + " is not serialisable", e);
        }
        em.createNativeQuery("INSERT INTO outbox_event (event_id, topic, record_key, type, source, subject,"
                + " occurred_at, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)").setParameter(1, id)
                .setParameter(2, topic.name()).setParameter(3, aggregateId).setParameter(4, type)
                .setParameter(5, config.source()).setParameter(6, subject)
                .setParameter(7, OffsetDateTime.now(clock.isResolvable() ? clock.get() : Clock.systemUTC()))
                .setParameter(8, payload).executeUpdate();
        wakeRelayAfterCommit();
        return id;
    }

    private void wakeRelayAfterCommit() {
        if (tsr.getResource(Outbox.class) != null) {
            return;
        }
        tsr.putResource(Outbox.class, Boolean.TRUE);
        tsr.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
