package vn.qcdc.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The committed description of the events, {@code docs/api/events.asyncapi.yaml}, as a checker of real Kafka
 * records: the record's topic is a documented channel, its {@code ce_type} a message of that channel, its headers, key
 * and value validate against the message's schemas (JSON Schema draft 7, the base of AsyncAPI schemas), the key is
 * the payload's aggregate id ({@code x-key-property}), and per key the aggregate versions run 1, 2, 3… without a gap.
 *
 * <p>
 * The payload schemas are checked <em>strictly</em>: a property the document does not describe is a problem here,
 * although consumers are told to ignore unknown fields. That is what keeps the document complete: a field added to
 * a payload record without documenting it fails this check.
 */
final class EventContract {

    static final Path DOCUMENT = RunningSuite.HOME.resolve("docs/api/events.asyncapi.yaml");
    /** Where the document is registered for the validator (never fetched: the registry has its content). */
    private static final String BASE = "https://qcdc.example/events.asyncapi.json";

    /** A documented message: its id under {@code components/messages} and its node. */
    record Message(String id, JsonNode node) {
    }

    /** One record as read from Kafka: headers as UTF-8 strings, in order (a name may repeat). */
    record Event(String topic, int partition, long offset, String key, List<Map.Entry<String, String>> headers,
            byte[] value) {

        String header(String name) {
            String found = null;
            for (Map.Entry<String, String> h : headers) {
                if (h.getKey().equals(name)) {
                    found = h.getValue();
                }
            }
            return found;
        }

        String where() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    /** What a pass over the topics found: records per documented type and every problem, by record. */
    static final class Report {
        final Map<String, Integer> observed = new TreeMap<>();
        final List<String> problems = new ArrayList<>();
        final Map<String, Integer> deadLetters = new TreeMap<>();
        int records;
        /** Versions seen per topic and key, to check they run from 1 without a gap. */
        private final Map<String, Set<Long>> versions = new HashMap<>();
        /** Id → what the event said, to check a redelivered event is the same event. */
        private final Map<String, String> ids = new HashMap<>();

        @Override
        public String toString() {
            return records + " records; types observed " + observed + "; dead letters " + deadLetters + "; problems "
                    + problems;
        }
    }

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final Map<String, Map<String, Message>> channels = new TreeMap<>();
    private final Map<String, Message> deadLetterChannels = new TreeMap<>();
    private final JsonMapper json = new JsonMapper();

    EventContract() throws IOException {
        this(Files.readString(DOCUMENT));
    }

    EventContract(String yaml) {
        doc = new YAMLMapper().readTree(yaml);
        // Only the components go to the validator: the document's root is no schema (its "id" is AsyncAPI's).
        ObjectNode strict = json.createObjectNode();
        strict.set("components", doc.path("components").deepCopy());
        closeObjects(strict.path("components").path("schemas"));
        String content = json.writeValueAsString(strict);
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(BASE, content)));
        doc.path("channels").properties().forEach(c -> {
            Map<String, Message> byType = new TreeMap<>();
            c.getValue().path("messages").properties().forEach(m -> {
                String ref = m.getValue().path("$ref").asString();
                String id = ref.substring(ref.lastIndexOf('/') + 1);
                JsonNode node = doc.at(ref.substring(1));
                if (node.isMissingNode()) {
                    throw new IllegalStateException("Unresolved " + ref);
                }
                byType.put(node.path("name").asString(), new Message(id, node));
            });
            String address = c.getValue().path("address").asString();
            if (byType.containsKey("dead-letter")) {
                deadLetterChannels.put(address, byType.get("dead-letter"));
            } else {
                channels.put(address, byType);
            }
        });
    }

    /** Every event type the document describes. */
    Set<String> documentedTypes() {
        Set<String> types = new TreeSet<>();
        channels.values().forEach(m -> types.addAll(m.keySet()));
        return types;
    }

    Set<String> documentedTopics() {
        Set<String> topics = new TreeSet<>(channels.keySet());
        topics.addAll(deadLetterChannels.keySet());
        return topics;
    }

    /** Checks one record, adding what it finds to {@code report}. */
    void check(Event e, Report report) {
        report.records++;
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> h : e.headers()) {
            if (e.headers().stream().filter(o -> o.getKey().equals(h.getKey())).count() > 1) {
                problems.add("header " + h.getKey() + " given more than once");
            }
        }
        Message dead = deadLetterChannels.get(e.topic());
        if (dead != null) {
            report.deadLetters.merge(e.topic() + " (" + e.header("dlq-reason") + ")", 1, Integer::sum);
            validate(dead.id() + "/headers", headers(e), problems, "headers");
            record(report, e, problems);
            return;
        }
        Map<String, Message> messages = channels.get(e.topic());
        String type = e.header("ce_type");
        if (messages == null) {
            problems.add("topic " + e.topic() + " is not documented");
        } else if (type == null || !messages.containsKey(type)) {
            problems.add("type " + type + " is not documented on " + e.topic());
        } else {
            Message m = messages.get(type);
            report.observed.merge(type, 1, Integer::sum);
            validate(m.id() + "/headers", headers(e), problems, "headers");
            JsonNode value = null;
            try {
                value = json.readTree(e.value());
            } catch (RuntimeException notJson) {
                problems.add("value is not JSON: " + notJson.getMessage());
            }
            if (value != null) {
                validate(m.id() + "/payload", value, problems, "payload");
                String pointer = m.node().path("x-key-property").asString();
                String id = value.at(pointer).asString(null);
                if (e.key() == null || !e.key().equals(id)) {
                    problems.add("key " + e.key() + " is not the payload's " + pointer + " (" + id + ")");
                }
            }
            validate(m.id() + "/bindings/kafka/key", e.key() == null
                    ? JsonNodeFactory.instance.nullNode()
                    : JsonNodeFactory.instance.stringNode(e.key()), problems, "key");
            versionAndId(e, type, report, problems);
        }
        record(report, e, problems);
    }

    private void versionAndId(Event e, String type, Report report, List<String> problems) {
        String version = e.header("ce_aggregateversion");
        if (version != null && version.matches("[1-9][0-9]*")) {
            report.versions.computeIfAbsent(e.topic() + "/" + e.key(), k -> new TreeSet<>()).add(Long.parseLong(
                    version));
        }
        String id = e.header("ce_id");
        if (id != null) {
            String said = type + " " + e.key() + " v" + version + " " + new String(e.value(), StandardCharsets.UTF_8);
            String before = report.ids.putIfAbsent(e.header("ce_source") + "/" + id, said);
            if (before != null && !before.equals(said)) {
                problems.add("event id " + id + " reused for a different event");
            }
        }
    }

    /** After every record: per topic and key, the versions are exactly 1..n. */
    void finish(Report report) {
        report.versions.forEach((key, seen) -> {
            long max = seen.stream().mapToLong(Long::longValue).max().orElse(0);
            if (seen.size() != max) {
                report.problems.add(key + ": aggregate versions " + seen + " have a gap or do not start at 1");
            }
        });
    }

    private static void record(Report report, Event e, List<String> problems) {
        problems.forEach(p -> report.problems.add(e.where() + " " + e.header("ce_type") + ": " + p));
    }

    private void validate(String messagePath, JsonNode instance, List<String> problems, String what) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#/components/messages/" + messagePath));
        for (Error error : schema.validate(instance)) {
            problems.add(what + " " + error);
        }
    }

    private ObjectNode headers(Event e) {
        ObjectNode out = json.createObjectNode();
        e.headers().forEach(h -> out.put(h.getKey(), h.getValue()));
        return out;
    }

    /** Every object schema with listed properties and no say on others is closed (see the class comment). */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties") && !o.has("additionalProperties")) {
                o.put("additionalProperties", false);
            }
            o.properties().forEach(e -> closeObjects(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(EventContract::closeObjects);
        }
    }

    /**
     * Reads every record of every topic of the broker from the beginning (up to the end offsets at the start of the
     * read) and checks each. A topic the document does not describe is a problem.
     */
    Report readAll(String bootstrap) throws Exception {
        Report report = new Report();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Set<String> topics;
        try (Admin a = Admin.create(admin)) {
            topics = new TreeSet<>(a.listTopics().names().get());
        }
        for (String t : topics) {
            if (!documentedTopics().contains(t)) {
                report.problems.add("topic " + t + " exists on the broker but is not documented");
            }
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "asyncapi-check-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String t : topics) {
                consumer.partitionsFor(t, Duration.ofSeconds(30))
                        .forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read the topics to their end in time");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        check(toEvent(r), report);
                    }
                }
            }
        }
        finish(report);
        return report;
    }

    /** The types the reference scenario of {@code WholeSuiteScenarioTest} produces: every one must be seen. */
    static final Set<String> REFERENCE_SCENARIO_TYPES = Set.of("vn.qcdc.inspection.scheduled.v1",
            "vn.qcdc.inspection.concluded.v1", "vn.qcdc.recommendation.issued.v1",
            "vn.qcdc.recommendation.progress-reported.v1", "vn.qcdc.recommendation.completion-reported.v1",
            "vn.qcdc.recommendation.verified.v1", "vn.qcdc.followup.reminder-sent.v1",
            "vn.qcdc.followup.recommendation-overdue.v1", "vn.qcdc.followup.escalated.v1",
            "vn.qcdc.model.registered.v1", "vn.qcdc.model.status-changed.v1", "vn.qcdc.model.results-reported.v1",
            "vn.qcdc.model.recognised.v1");

    /**
     * Reads everything the suite published (again while the last events may still be on their way, until every type
     * in {@code mustSee} is there) and fails on any record that differs from the document, on any dead letter, and on
     * a type of {@code mustSee} that was never seen.
     */
    static Report assertPublishedEventsConform(String bootstrap, Set<String> mustSee) throws Exception {
        EventContract contract = new EventContract();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Report report = contract.readAll(bootstrap);
        while (!report.observed.keySet().containsAll(mustSee) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            report = contract.readAll(bootstrap);
        }
        Set<String> notSeen = new TreeSet<>(contract.documentedTypes());
        notSeen.removeAll(report.observed.keySet());
        System.out.printf("events.asyncapi.yaml check: %d records; %d of %d documented types observed and checked: %s;"
                + " not produced by the scenario: %s%n", report.records, report.observed.size(),
                contract.documentedTypes().size(), report.observed, notSeen);
        assertEquals(List.of(), report.problems,
                "records that differ from docs/api/events.asyncapi.yaml");
        assertEquals(Map.of(), report.deadLetters, "dead letters");
        Set<String> missing = new TreeSet<>(mustSee);
        missing.removeAll(report.observed.keySet());
        assertEquals(Set.of(), missing, "types the scenario must have produced");
        return report;
    }

    static Event toEvent(ConsumerRecord<String, byte[]> r) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(Map.entry(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)));
        }
        return new Event(r.topic(), r.partition(), r.offset(), r.key(), headers, r.value() == null
                ? new byte[0]
                : r.value());
    }
}
