package vn.qcdc.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The backbone's own Kafka clients take the connection settings of Quarkus' {@code kafka.*} configuration (TLS,
 * SASL/SCRAM on a cluster) while keeping their delivery guarantees.
 */
class KafkaClientsConfigTest {

    static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"inspection-service\" password=\"secret\";";

    static KafkaClients clients(Map<String, Object> kafkaConfig) {
        KafkaClients clients = new KafkaClients();
        clients.config = new StubConfig();
        clients.kafkaConfig = kafkaConfig;
        return clients;
    }

    static final Map<String, Object> CLUSTER = Map.of("bootstrap.servers", "elsewhere:9093", "security.protocol",
            "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS, "ssl.truststore.type", "PEM",
            "ssl.truststore.location", "/etc/qcdc/kafka-ca/ca.crt", "group.id", "someone-else", "acks", "1",
            "enable.idempotence", "false", "health.enabled", "true");

    @Test
    void everyClientGetsTheClusterSecuritySettings() {
        KafkaClients clients = clients(CLUSTER);
        for (Properties p : new Properties[]{clients.producerProperties("-outbox"), clients.consumerProperties(),
                clients.adminProperties()}) {
            assertEquals("SASL_SSL", p.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
            assertEquals(JAAS, p.get("sasl.jaas.config"));
            assertEquals("PEM", p.get("ssl.truststore.type"));
            assertEquals("/etc/qcdc/kafka-ca/ca.crt", p.get("ssl.truststore.location"));
            // the backbone's bootstrap (qcdc.events.bootstrap-servers, itself defaulting to kafka.bootstrap.servers)
            assertEquals("broker:9092", p.get("bootstrap.servers"));
            // settings no client of this kind knows are not passed on
            assertFalse(p.containsKey("health.enabled"));
        }
    }

    @Test
    void theBackbonesOwnGuaranteesWin() {
        KafkaClients clients = clients(CLUSTER);
        Properties producer = clients.producerProperties("-outbox");
        assertEquals("all", producer.get("acks"));
        assertEquals(true, producer.get("enable.idempotence"));
        assertFalse(producer.containsKey("group.id"), "a producer has no group");
        Properties consumer = clients.consumerProperties();
        assertEquals("test-service", consumer.get("group.id"));
        assertEquals(false, consumer.get("enable.auto.commit"));
    }

    @Test
    void withoutKafkaSettingsTheClientsStayPlain() {
        Properties producer = clients(Map.of()).producerProperties("-outbox");
        assertFalse(producer.containsKey("security.protocol"));
        assertEquals("broker:9092", producer.get("bootstrap.servers"));
    }

    static final class StubConfig implements EventsConfig {
        @Override
        public String bootstrapServers() {
            return "broker:9092";
        }

        @Override
        public String source() {
            return "/qcdc/test-service";
        }

        @Override
        public String consumerGroup() {
            return "test-service";
        }

        @Override
        public short replicationFactor() {
            return 1;
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Relay relay() {
            return new Relay() {
                @Override
                public Duration pollInterval() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public Duration linger() {
                    return Duration.ofMillis(20);
                }

                @Override
                public int batchSize() {
                    return 200;
                }

                @Override
                public Duration sendTimeout() {
                    return Duration.ofSeconds(30);
                }

                @Override
                public Duration retention() {
                    return Duration.ofDays(7);
                }

                @Override
                public int maxAttempts() {
                    return 5;
                }
            };
        }

        @Override
        public Consumer consumer() {
            return new Consumer() {
                @Override
                public int maxAttempts() {
                    return 5;
                }

                @Override
                public Duration initialBackoff() {
                    return Duration.ofMillis(200);
                }

                @Override
                public Duration maxBackoff() {
                    return Duration.ofSeconds(30);
                }
            };
        }
    }
}
