package vn.qcdc.backbone.consumer;

import java.io.IOException;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A CloudEvent read from Kafka, with where it came from. {@code version} is the aggregate's version the producer
 * stamped on it (null for an event published before versions existed).
 */
public record IncomingEvent(String id, String source, String type, String subject, OffsetDateTime time, String key,
        Long version, byte[] data, String topic, int partition, long offset, ObjectMapper mapper) {

    /** The JSON data as {@code type}; data that does not fit the contract makes the event poison. */
    public <T> T dataAs(Class<T> type) {
        try {
            return mapper.readValue(data, type);
        } catch (IOException e) {
            throw new PoisonEventException("Data of " + this.type + " does not match " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    public JsonNode json() {
        try {
            return mapper.readTree(data);
        } catch (IOException e) {
            throw new PoisonEventException("Data of " + type + " is not JSON", e);
        }
    }
}
