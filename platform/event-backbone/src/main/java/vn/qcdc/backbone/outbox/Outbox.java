package vn.qcdc.backbone.outbox;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import vn.qcdc.backbone.AfterCommit;
import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.backbone.Jdbc;
import vn.qcdc.backbone.PlainWrites;
import vn.qcdc.events.Topics;

/**
 * Announces a state change: writes the event into the outbox in the caller's transaction, so the change and its
 * event commit or roll back together. Publishing to Kafka happens later, in {@link OutboxRelay}, which is woken as
 * soon as the transaction commits: a broker outage delays events and never fails the user's request. Every event
 * carries its aggregate's version ({@link #VERSION_EXTENSION}), a gap-free sequence per record key, so a consumer can
 * tell a stale event from a newer one whatever order the broker delivers them in.
 */
@ApplicationScoped
public class Outbox {

    /**
     * One statement per event: take the aggregate's next version (the counter row stays locked until commit, so writers
     * of one aggregate are serialised and versions follow commit order) and write the event with it. Parameters: topic,
     * record key, then the event's id, topic, record key, type, source, subject, time and payload.
     */
    private static final String WRITE = "WITH v AS (INSERT INTO outbox_aggregate (topic, record_key, version)"
            + " VALUES (?, ?, 1) ON CONFLICT (topic, record_key) DO UPDATE SET version = outbox_aggregate.version + 1"
            + " RETURNING version) INSERT INTO outbox_event (event_id, topic, record_key, type, source, subject,"
            + " occurred_at, payload, aggregate_version) SELECT ?, ?, ?, ?, ?, ?, ?, ?, v.version FROM v";

    /** CloudEvents extension attribute carrying the aggregate's version (Kafka header {@code ce_aggregateversion}). */
    public static final String VERSION_EXTENSION = "aggregateversion";

    @Inject
    Jdbc jdbc;

    @Inject
    ObjectMapper mapper;

    @Inject
    PlainWrites writes;

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
        // Nothing reads the outbox back in the writer's transaction: the event goes with the transaction's other last
        // writes, in one round trip (PlainWrites#later), in the order the events were published.
        writes.later(WRITE, parameters(new Pending(topic, type, aggregateId, subject, data), id, now()));
        wakeRelayAfterCommit();
        return id;
    }

    /** An event to write with {@link #publishAll}: the arguments of {@link #publish}. */
    public record Pending(Topics.Topic topic, String type, String aggregateId, String subject, Object data) {
    }

    /**
     * {@link #publish} for many events at once (a bulk import writes hundreds per transaction): the same statement per
     * event, sent to the database as one JDBC batch, in list order (so an aggregate's versions follow that order).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        // Events published one by one before these go first, so that an aggregate's versions follow the calls.
        writes.flush();
        jdbc.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(WRITE)) {
                for (Pending e : events) {
                    PlainWrites.bind(ps, parameters(e, UUID.randomUUID(), now));
                    ps.addBatch();
                }
                return ps.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    /** The values of {@link #WRITE} for one event, in its order (a null subject goes untyped, as the column's). */
    private Object[] parameters(Pending e, UUID id, OffsetDateTime now) {
        String payload;
        try {
            payload = mapper.writeValueAsString(e.data());
        } catch (JsonProcessingException x) {
            throw new IllegalArgumentException("Event payload of " + e.type() + " is not serialisable", x);
        }
        String topic = e.topic().name();
        return new Object[]{topic, e.aggregateId(), id, topic, e.aggregateId(), e.type(), config.source(), e.subject(),
                now, payload};
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock.isResolvable() ? clock.get() : Clock.systemUTC());
    }

    private void wakeRelayAfterCommit() {
        AfterCommit.wake(tsr, Outbox.class, relay::wakeUp);
    }
}
