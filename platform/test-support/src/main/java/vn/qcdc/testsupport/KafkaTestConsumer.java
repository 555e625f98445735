package vn.qcdc.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a service really published, with a plain Kafka consumer, so tests assert on the bytes on the topic
 * (keys, CloudEvents {@code ce_*} headers, JSON payload) rather than on the service's own view of it.
 */
public final class KafkaTestConsumer {

    private KafkaTestConsumer() {
    }

    /**
     * Reads {@code topic} from the beginning (all partitions, a fresh consumer group, nothing committed) until a
     * record satisfies {@code until} or {@code timeout} passes, and returns every record read (in offset order
     * within each partition). Does not fail on timeout: the caller asserts on what came back.
     */
    public static List<ConsumerRecord<String, String>> poll(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, String>> until, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer(bootstrap)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            // assign instead of subscribe: no group rebalance to wait for
            List<TopicPartition> tps = awaitPartitions(consumer, topic, deadline);
            if (tps.isEmpty()) {
                return records;
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(r);
                    if (until.test(r)) {
                        return records;
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // broker unreachable or topic missing until the end: return what we have
        }
        return records;
    }

    /**
     * Every record currently on {@code topic}: reads up to the end offsets seen when reading starts (or until
     * {@code timeout}).
     */
    public static List<ConsumerRecord<String, String>> pollAll(String bootstrap, String topic, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = newConsumer(bootstrap)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> tps = awaitPartitions(consumer, topic, deadline);
            if (tps.isEmpty()) {
                return records;
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(10));
            while (System.nanoTime() < deadline
                    && tps.stream().anyMatch(tp -> consumer.position(tp) < ends.getOrDefault(tp, 0L))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // broker unreachable: return what we have
        }
        return records;
    }

    /** Value of the last header {@code name} as UTF-8, or null if absent. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<String, String> newConsumer(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-consumer-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // only what producers committed: what a real consumer service would see
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /** The topic's partitions, waiting (until the deadline) for a topic that does not exist yet. */
    private static List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> consumer, String topic,
            long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(2));
                if (partitions != null && !partitions.isEmpty()) {
                    return partitions.stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                // not there yet
            }
            sleep(200);
        }
        return List.of();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
