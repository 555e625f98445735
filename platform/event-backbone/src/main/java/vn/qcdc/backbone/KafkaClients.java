package vn.qcdc.backbone;

import java.util.Map;
import java.util.Properties;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.smallrye.common.annotation.Identifier;

/**
 * The Kafka clients of a service, configured in one place. The producer is the only way anything leaves the
 * service, and it is always {@code acks=all} with idempotence on: the connector default {@code acks=1} would silently
 * drop idempotence and can lose acknowledged events on a leader change.
 * <p>
 * Connection settings come from the configuration Quarkus' own Kafka clients read: every
 * {@code kafka.*} property, or {@code KAFKA_*} environment variable ({@code KAFKA_SECURITY_PROTOCOL=SASL_SSL},
 * {@code KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}, {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, ...), that the
 * client knows is passed on, so TLS and SCRAM on a cluster apply to the backbone too. The backbone's own settings
 * below are set after them and always win.
 */
@ApplicationScoped
public class KafkaClients {

    @Inject
    EventsConfig config;

    /** Quarkus' {@code kafka.*} configuration (environment names already turned into Kafka's dotted names). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

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
        return new KafkaProducer<>(producerProperties(clientSuffix), new StringSerializer(),
                new ByteArraySerializer());
    }

    Properties producerProperties(String clientSuffix) {
        Properties p = passedOn(ProducerConfig.configNames());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // lz4: cheap on CPU, and every Kafka consumer decodes it (kafka-clients ships lz4-java).
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The relay hands the producer hundreds of records at once: 256 KiB batches carry a chunk in a few requests
        // (the 16 KiB default splits it into dozens, each waiting for one of the 5 in-flight slots).
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // While the broker is away, fail a batch quickly; the outbox keeps the events and the relay retries.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        // Kafka requires delivery.timeout >= linger + request.timeout.
        int delivery = (int) Math.max(2_000, config.relay().sendTimeout().toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(10_000, delivery / 2));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, config.consumerGroup() + clientSuffix);
        return p;
    }

    public KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(consumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    Properties consumerProperties() {
        Properties p = passedOn(ConsumerConfig.configNames());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.consumerGroup());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, config.consumerGroup() + "-consumer");
        return p;
    }

    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProperties());
        }
        return admin;
    }

    Properties adminProperties() {
        Properties p = passedOn(AdminClientConfig.configNames());
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return p;
    }

    /**
     * The {@code kafka.*} settings this kind of client knows (Quarkus' map also holds settings of other clients,
     * e.g. {@code group.id}, which a producer would warn about), plus Quarkus' TLS registry name that its
     * {@code ssl.engine.factory.class} needs.
     */
    Properties passedOn(Set<String> known) {
        Properties p = new Properties();
        if (kafkaConfig != null) {
            kafkaConfig.forEach((key, value) -> {
                if (known.contains(key) || "tls-configuration-name".equals(key)) {
                    p.put(key, value);
                }
            });
        }
        return p;
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
