package vn.qcdc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checker of {@link EventContract} without a suite: a record as the outbox relay writes it passes, and each way a
 * record can differ from the document is reported. (What the services really publish is checked by
 * {@code WholeSuiteScenarioTest}.)
 */
class EventContractTest {

    static final String TOPIC = "qcdc.inspection.events.v1";
    static final String ID = "3f0c2b5e-8a51-4c1e-9b6f-0d2a7e4c9a11";
    static final String PAYLOAD = """
            {"inspectionId":"%s","delegationId":"6b1f6c0e-2f0a-4d8e-a7c4-5f1e9d3b2a10","unitCode":"01855",
             "unitName":"Phường Xuất Hóa","steeringUnitCode":"06","scheduledDate":"2020-12-03","yearAssessed":2020,
             "topics":["QCDC","DAN_VAN_KHEO"]}""".formatted(ID);

    static EventContract contract;

    @BeforeAll
    static void load() throws Exception {
        contract = new EventContract();
    }

    static List<Map.Entry<String, String>> headers(String type, String version) {
        List<Map.Entry<String, String>> h = new ArrayList<>(List.of(Map.entry("ce_specversion", "1.0"),
                Map.entry("ce_id", "0e8a7c56-1d3b-4f2a-9c8e-7b6a5d4c3b2a"),
                Map.entry("ce_source", "/qcdc/inspection-service"), Map.entry("ce_type", type),
                Map.entry("ce_time", "2020-12-03T08:00:00.123Z"), Map.entry("ce_subject", "inspection/" + ID),
                Map.entry("content-type", "application/json")));
        if (version != null) {
            h.add(Map.entry("ce_aggregateversion", version));
        }
        return h;
    }

    static EventContract.Event event(String topic, String key, List<Map.Entry<String, String>> headers,
            String payload) {
        return new EventContract.Event(topic, 0, 0, key, headers, payload.getBytes(StandardCharsets.UTF_8));
    }

    static EventContract.Event valid() {
        return event(TOPIC, ID, headers("vn.qcdc.inspection.scheduled.v1", "1"), PAYLOAD);
    }

    static EventContract.Report check(EventContract.Event... events) {
        EventContract.Report report = new EventContract.Report();
        for (EventContract.Event e : events) {
            contract.check(e, report);
        }
        contract.finish(report);
        return report;
    }

    @Test
    void aRecordAsTheRelayWritesItPasses() {
        EventContract.Report report = check(valid());
        assertEquals(List.of(), report.problems);
        assertEquals(Map.of("vn.qcdc.inspection.scheduled.v1", 1), report.observed);
        assertTrue(contract.documentedTypes().size() >= 23, "types: " + contract.documentedTypes());
    }

    @Test
    void eachDifferenceFromTheDocumentIsReported() {
        assertProblem(event(TOPIC, ID, headers("vn.qcdc.inspection.postponed.v1", "1"), PAYLOAD), "not documented");
        assertProblem(event("qcdc.other.v1", ID, headers("vn.qcdc.inspection.scheduled.v1", "1"), PAYLOAD),
                "topic qcdc.other.v1 is not documented");
        assertProblem(event(TOPIC, ID, headers("vn.qcdc.inspection.scheduled.v1", null), PAYLOAD),
                "ce_aggregateversion");
        assertProblem(event(TOPIC, ID, headers("vn.qcdc.inspection.scheduled.v1", "v1"), PAYLOAD),
                "ce_aggregateversion");
        assertProblem(withHeader("ce_id", "not-a-uuid"), "ce_id");
        assertProblem(withHeader("ce_time", "yesterday"), "ce_time");
        assertProblem(withHeader("ce_source", "/qcdc/model-registry-service"), "ce_source");
        assertProblem(withHeader("ce_subject", "recommendation/" + ID), "ce_subject");
        assertProblem(withHeader("content-type", "text/plain"), "content-type");
        assertProblem(event(TOPIC, "6b1f6c0e-2f0a-4d8e-a7c4-5f1e9d3b2a10", headers(
                "vn.qcdc.inspection.scheduled.v1", "1"), PAYLOAD), "is not the payload's /inspectionId");
        assertProblem(withPayload(p -> p.replace("\"yearAssessed\":2020,", "")), "yearAssessed");
        assertProblem(withPayload(p -> p.replace("\"2020-12-03\"", "\"03/12/2020\"")), "scheduledDate");
        assertProblem(withPayload(p -> p.replace("\"6b1f6c0e", "\"xb1f6c0e")), "delegationId");
        assertProblem(withPayload(p -> p.replace("\"DAN_VAN_KHEO\"", "\"SOMETHING_ELSE\"")), "topics");
        assertProblem(withPayload(p -> p.replace("\"unitName\":\"Phường Xuất Hóa\"", "\"unitName\":null")),
                "unitName");
        assertProblem(withPayload(p -> p.replace("{", "{\"undocumented\":1,")), "undocumented");
        assertProblem(withPayload(p -> "not json"), "not JSON");
        List<Map.Entry<String, String>> twice = headers("vn.qcdc.inspection.scheduled.v1", "1");
        twice.add(Map.entry("ce_type", "vn.qcdc.inspection.scheduled.v1"));
        assertProblem(event(TOPIC, ID, twice, PAYLOAD), "more than once");
    }

    @Test
    void versionsOfAKeyMustRunFromOneWithoutAGapAndAnIdIsOneEvent() {
        EventContract.Event first = valid();
        EventContract.Event third = event(TOPIC, ID, headers("vn.qcdc.inspection.scheduled.v1", "3"), PAYLOAD);
        assertTrue(check(first, third).problems.stream().anyMatch(p -> p.contains("gap")));
        // the same event delivered twice is fine
        assertEquals(List.of(), check(first, first).problems);
        EventContract.Event sameIdOtherVersion = event(TOPIC, ID, headers("vn.qcdc.inspection.scheduled.v1", "2"),
                PAYLOAD);
        assertTrue(check(first, sameIdOtherVersion).problems.stream().anyMatch(p -> p.contains("reused")));
    }

    @Test
    void deadLettersAreCheckedForTheirHeaders() {
        List<Map.Entry<String, String>> h = headers("vn.qcdc.recommendation.issued.v1", "1");
        h.addAll(List.of(Map.entry("dlq-reason", "notification-followup: no addressees"),
                Map.entry("dlq-original-topic", TOPIC), Map.entry("dlq-original-partition", "2"),
                Map.entry("dlq-original-offset", "17"), Map.entry("dlq-consumer-group", "notification-service")));
        EventContract.Report report = check(event("qcdc.dlq.notification-service", ID, h, "{}"));
        assertEquals(List.of(), report.problems);
        assertEquals(1, report.deadLetters.size());
        h.removeIf(e -> e.getKey().equals("dlq-original-offset"));
        assertProblem(event("qcdc.dlq.notification-service", ID, h, "{}"), "dlq-original-offset");
    }

    static EventContract.Event withHeader(String name, String value) {
        List<Map.Entry<String, String>> h = headers("vn.qcdc.inspection.scheduled.v1", "1");
        h.replaceAll(e -> e.getKey().equals(name) ? Map.entry(name, value) : e);
        return event(TOPIC, ID, h, PAYLOAD);
    }

    static EventContract.Event withPayload(UnaryOperator<String> change) {
        return event(TOPIC, ID, headers("vn.qcdc.inspection.scheduled.v1", "1"), change.apply(PAYLOAD));
    }

    static void assertProblem(EventContract.Event e, String expected) {
        List<String> problems = check(e).problems;
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected a problem about " + expected
                + ", got " + problems);
    }
}
