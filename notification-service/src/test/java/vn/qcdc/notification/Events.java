package vn.qcdc.notification;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import vn.qcdc.testsupport.KafkaTestProducer;
import vn.qcdc.testsupport.RealInfraResource;

/**
 * Real Kafka records as inspection-service and model-registry-service publish them: CloudEvents 1.0 in binary mode
 * (ce_* headers, JSON data), keyed by the aggregate id.
 */
public final class Events {

    private Events() {
    }

    public static String bootstrap() {
        return RealInfraResource.kafka().bootstrapServers();
    }

    /** Sends a CloudEvent with a fresh id and returns the id. */
    public static String send(String topic, String type, String key, String json) {
        String id = UUID.randomUUID().toString();
        sendWithId(id, topic, type, key, json);
        return id;
    }

    /** Sends a CloudEvent with this id (sending the same id twice is a broker redelivery). */
    public static void sendWithId(String id, String topic, String type, String key, String json) {
        Map<String, String> h = new HashMap<>();
        h.put("ce_specversion", "1.0");
        h.put("ce_id", id);
        h.put("ce_type", type);
        h.put("ce_source", "/qcdc/test-producer");
        h.put("content-type", "application/json");
        KafkaTestProducer.send(bootstrap(), topic, key, json, h);
    }

    /** A recommendation of the Xuất Hóa inspection addressed to one body of the ward. */
    public static String recommendationIssued(UUID id, String unitCode, String bodyType, LocalDate due,
            String content) {
        return """
                {"recommendationId": "%s", "inspectionId": "%s", "unitCode": "%s", "unitName": "Phường Xuất Hóa",
                 "steeringUnitCode": "06", "content": "%s", "area": "QCDC", "priority": "HIGH", "dueDate": "%s",
                 "addressees": [{"bodyType": "%s", "unitCode": "%s", "name": "Đơn vị được kiến nghị"}]}
                """.formatted(id, UUID.nameUUIDFromBytes("xuat-hoa-2020".getBytes()), unitCode, content, due, bodyType,
                unitCode);
    }

    public static String completionReported(UUID id, String unitCode) {
        return "{\"recommendationId\": \"%s\", \"unitCode\": \"%s\", \"reportedBy\": \"Cán bộ phường\"}"
                .formatted(id, unitCode);
    }

    public static String verified(UUID id, String unitCode) {
        return "{\"recommendationId\": \"%s\", \"unitCode\": \"%s\", \"verifiedBy\": \"Đoàn kiểm tra\"}"
                .formatted(id, unitCode);
    }

    public static String rejected(UUID id, String unitCode) {
        return ("{\"recommendationId\": \"%s\", \"unitCode\": \"%s\", \"reason\": \"Chưa đủ minh chứng\","
                + " \"rejectedBy\": \"Đoàn kiểm tra\"}").formatted(id, unitCode);
    }
}
