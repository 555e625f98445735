package vn.qcdc.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts records on a topic exactly as given (key, value, headers), to feed a consumer under test with duplicates,
 * out-of-order events or poison messages that a well-behaved producer service would never send.
 */
public final class KafkaTestProducer {

    private KafkaTestProducer() {
    }

    /** Sends one record synchronously ({@code acks=all}) and returns where it landed. {@code value} may be null. */
    public static RecordMetadata send(String bootstrap, String topic, String key, String value,
            Map<String, String> headers) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            if (headers != null) {
                headers.forEach((k, v) -> record.headers().add(k, v == null
                        ? null
                        : v.getBytes(
                                StandardCharsets.UTF_8)));
            }
            return producer.send(record).get(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not send to " + topic + " at " + bootstrap + ": " + e, e);
        }
    }

    public static RecordMetadata send(String bootstrap, String topic, String key, String value) {
        return send(bootstrap, topic, key, value, Map.of());
    }
}
