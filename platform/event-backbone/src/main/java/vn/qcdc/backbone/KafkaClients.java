package vn.qcdc.backbone;

import java.util.Map;
import java.util.Properties;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of a service, configured in one place. The producer is the only way anything leaves the
 * service, and it is always {@code acks=all} with idempotence on: the connector default {@code acks=1} would silently
 * drop idempotence and can lose acknowledged events on a leader change.
 */
@ApplicationScoped
public class KafkaClients {

    @Inject
    EventsConfig config;

    private volatile KafkaProducer<String, byte[]> producer;
    private volatile KafkaProducer<String, byte[]> relayProducer;
    private volatile Admin admin;

    /** The producer for everything but the relay (dead letters): shared, long-lived. */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = newProducer("-dlq");
        }
        return producer;
    }

    /**
     * The relay's own producer. After a failed pass the relay {@linkplain #discardRelayProducer() discards} it, so
     * records it still holds can never reach the broker behind the next pass's resend of the same rows.
     */
    public synchronized KafkaProducer<String, byte[]> relayProducer() {
        if (relayProducer == null) {
            relayProducer = newProducer("-outbox");
        }
        return relayProducer;
    }

    /**
     * Closes the relay's producer without waiting: batches not yet acknowledged are failed at once and never sent
     * later (close with a zero timeout aborts them). The next {@link #relayProducer()} is a new producer with a new
     * producer id.
     */
    public synchronized void discardRelayProducer() {
        if (relayProducer != null) {
            try {
                relayProducer.close(java.time.Duration.ZERO);
            } catch (RuntimeException e) {
                // closing is best effort; the instance is dropped either way
            }
            relayProducer = null;
        }
    }

    private KafkaProducer<String, byte[]> newProducer(String clientSuffix) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // While the broker is away, fail a batch quickly; the outbox keeps the events and the relay retries.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        // Kafka requires delivery.timeout >= linger + request.timeout.
        int delivery = (int) Math.max(2_000, config.relay().sendTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, delivery / 2));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.consumerGroup() + clientSuffix);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public KafkaConsumer<String, byte[]> newConsumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.consumerGroup() + "-consumer");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of("bootstrap.servers", config.bootstrapServers(), "request.timeout.ms", 10_000,
                    "default.api.timeout.ms", 15_000));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(10));
        }
        if (relayProducer != null) {
            relayProducer.close(java.time.Duration.ofSeconds(10));
        }
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }
}
