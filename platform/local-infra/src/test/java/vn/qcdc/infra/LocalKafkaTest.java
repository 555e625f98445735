package vn.qcdc.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real broker keeps topics and records across a stop and a restart on the same port. */
class LocalKafkaTest {

    @TempDir
    Path dir;

    @Test
    void recordsSurviveBrokerRestart() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir, 0)) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("visits", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("visits", "v-1", "{\"unit\":\"06\"}")).get();
            }

            kafka.stop();
            assertFalse(kafka.isRunning());
            kafka.start();
            assertTrue(kafka.isRunning());
            assertEquals(bootstrap, kafka.bootstrapServers(), "same port after restart");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                assertTrue(admin.listTopics().names().get().contains("visits"));
                // auto.create.topics.enable=false: a topic nobody declared does not appear by itself
                assertFalse(admin.listTopics().names().get().contains("undeclared"));
            }
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(Set.of("visits"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.isEmpty() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
            }
            assertEquals(1, records.size());
            assertEquals("v-1", records.get(0).key());
            assertEquals("{\"unit\":\"06\"}", records.get(0).value());
        }
    }

    @Test
    void aKilledBrokerTellsHowItEndedAndStartsAgainOnTheSamePort() throws Exception {
        try (LocalKafka kafka = LocalKafka.start(dir, 0)) {
            String bootstrap = kafka.bootstrapServers();
            assertTrue(bootstrap.startsWith("127.0.0.1:"), "loopback only: " + bootstrap);
            ProcessHandle broker = ProcessHandle.of(kafka.pid().orElseThrow()).orElseThrow();
            broker.destroyForcibly(); // kill -9, no controlled shutdown
            broker.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertFalse(kafka.isRunning());
            assertEquals(java.util.Optional.of(137), kafka.exitCode(), "128 + SIGKILL");

            kafka.start();
            assertTrue(kafka.isRunning());
            assertEquals(bootstrap, kafka.bootstrapServers());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("after-crash", 1, (short) 1))).all().get();
                assertTrue(admin.listTopics().names().get().contains("after-crash"));
            }
        }
    }
}
