package vn.qcdc.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import vn.qcdc.events.inspection.InspectionEvents;
import vn.qcdc.events.model.ModelEvents;
import vn.qcdc.events.notification.NotificationEvents;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The published description of the events, {@code docs/api/events.asyncapi.yaml}, against the contracts in this
 * module: it is valid AsyncAPI 3.0.0, names every topic and every type, describes every payload record field by field
 * with the matching JSON type, lists exactly the values of each enum, and every reference in it resolves. The events
 * the running services actually produce are checked against the same document in e2e-tests.
 */
class EventsDocumentTest {

    static final Path DOCUMENT = Path.of("../../docs/api/events.asyncapi.yaml");
    static final Path LABELS = Path.of("../api-support/src/main/resources/vn/qcdc/api/labels/labels.json");
    static final String SCHEMAS = "#/components/schemas/";
    /** The services: each creates its dead-letter topic, named by its consumer group (its application name). */
    static final List<String> SERVICES = List.of("inspection-service", "model-registry-service",
            "notification-service");

    static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        doc = new YAMLMapper().readTree(Files.readString(DOCUMENT));
    }

    @Test
    void isValidAsyncApi300() throws IOException {
        assertEquals("3.0.0", doc.path("asyncapi").asString());
        Schema meta;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in, InputFormat.JSON);
        }
        List<Error> errors = meta.validate(doc);
        assertTrue(errors.isEmpty(), "Not valid AsyncAPI 3.0.0: " + errors);
        for (String field : List.of("title", "version", "description", "contact", "license")) {
            assertFalse(doc.path("info").path(field).isMissingNode(), "info." + field);
        }
        assertEquals(Set.of("local", "cluster"), names(doc.path("servers")));
    }

    @Test
    void theMetaSchemaCatchesAnInvalidDocument() {
        // The check above can fail: a channel without its required structure is refused.
        JsonNode broken = new YAMLMapper().readTree("""
                asyncapi: 3.0.0
                info: {title: t, version: '1'}
                operations:
                  x: {action: publish, channel: {$ref: '#/channels/none'}}
                """);
        Schema meta;
        try (InputStream in = getClass().getResourceAsStream("/asyncapi/asyncapi-3.0.0.schema.json")) {
            meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in, InputFormat.JSON);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertFalse(meta.validate(broken).isEmpty(), "action 'publish' is AsyncAPI 2, not 3");
    }

    @Test
    void everyTopicIsAChannelWithItsPartitionsAndEveryServiceHasItsDeadLetterChannel() {
        Map<String, JsonNode> byAddress = new HashMap<>();
        doc.path("channels").properties().forEach(e -> byAddress.put(e.getValue().path("address").asString(),
                e.getValue()));
        for (Topics.Topic topic : Topics.ALL) {
            JsonNode channel = byAddress.get(topic.name());
            assertTrue(channel != null, "no channel for topic " + topic.name());
            assertEquals(topic.partitions(), channel.at("/bindings/kafka/partitions").asInt(), topic.name());
            assertEquals(topic.name(), channel.at("/bindings/kafka/topic").asString());
        }
        Set<String> expected = new TreeSet<>();
        Topics.ALL.forEach(t -> expected.add(t.name()));
        SERVICES.forEach(s -> expected.add(Topics.deadLetterOf(s)));
        assertEquals(expected, new TreeSet<>(byAddress.keySet()), "channels are exactly the topics the suite creates");
    }

    @Test
    void everyEventTypeIsDocumentedOnceAndNothingElse() throws IllegalAccessException {
        Set<String> types = new TreeSet<>();
        for (Field f : EventTypes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("PREFIX")) {
                types.add((String) f.get(null));
            }
        }
        List<String> documented = new ArrayList<>();
        doc.path("components").path("messages").properties().forEach(e -> {
            String type = e.getValue().path("name").asString();
            if (!e.getKey().equals("DeadLetter")) {
                documented.add(type);
                assertEquals(type, e.getValue().at("/headers/allOf/1/properties/ce_type/const").asString(),
                        e.getKey() + ": ce_type is the message name");
                assertTrue(e.getValue().path("x-key-property").asString().startsWith("/"), e.getKey() + " key");
            }
        });
        assertEquals(types, new TreeSet<>(documented), "documented types = EventTypes");
        assertEquals(types.size(), documented.size(), "each type once");
        // and each is on the channel of its topic
        Map<String, String> prefixToTopic = Map.of("inspection", Topics.INSPECTION.name(), "recommendation",
                Topics.INSPECTION.name(), "model", Topics.MODEL.name(), "followup", Topics.NOTIFICATION.name(),
                "notification", Topics.NOTIFICATION.name(), "probe", Topics.PROBE.name());
        doc.path("channels").properties().forEach(c -> c.getValue().path("messages").properties().forEach(m -> {
            JsonNode message = resolve(m.getValue().path("$ref").asString());
            String type = message.path("name").asString();
            if (type.startsWith(EventTypes.PREFIX)) {
                String aggregate = type.substring(EventTypes.PREFIX.length(), type.indexOf('.', EventTypes.PREFIX
                        .length()));
                assertEquals(prefixToTopic.get(aggregate), c.getValue().path("address").asString(), type);
            }
        }));
    }

    @Test
    void everyPayloadRecordIsDescribedFieldByFieldWithMatchingTypes() {
        List<Class<?>> records = Stream.of(InspectionEvents.class, ModelEvents.class, NotificationEvents.class)
                .flatMap(c -> Arrays.stream(c.getDeclaredClasses())).filter(Class::isRecord).toList();
        assertTrue(records.size() >= 20, "records found: " + records);
        for (Class<?> record : records) {
            JsonNode schema = doc.path("components").path("schemas").path(record.getSimpleName());
            assertFalse(schema.isMissingNode(), "no schema for " + record.getName());
            List<String> fields = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
            assertEquals(fields, new ArrayList<>(names(schema.path("properties"))), record.getSimpleName()
                    + ": properties in the order Jackson writes them");
            // Jackson writes every component, null or not: all are required (nullable ones say so by their type).
            assertEquals(new TreeSet<>(fields), strings(schema.path("required")), record.getSimpleName() + " required");
            for (RecordComponent c : record.getRecordComponents()) {
                checkType(record.getSimpleName() + "." + c.getName(), c.getType(), schema.path("properties").path(c
                        .getName()));
            }
        }
        // every message's payload is one of these records' schemas (or the probe's)
        doc.path("components").path("messages").properties().forEach(e -> {
            if (!e.getKey().equals("DeadLetter")) {
                assertEquals(SCHEMAS.substring(1) + e.getKey(), e.getValue().at("/payload/$ref").asString()
                        .substring(1));
            }
        });
    }

    private void checkType(String where, Class<?> type, JsonNode property) {
        String ref = property.path("$ref").asString("");
        JsonNode target = ref.isEmpty() ? property : resolve(ref);
        Set<String> jsonTypes = target.path("type").isArray()
                ? strings(target.path("type"))
                : Set.of(target.path("type").asString());
        if (type == UUID.class) {
            assertEquals("uuid", target.path("format").asString(), where);
        } else if (type == LocalDate.class) {
            assertEquals("date", target.path("format").asString(), where);
        } else if (type == OffsetDateTime.class) {
            assertEquals("date-time", target.path("format").asString(), where);
        } else if (type == int.class) {
            assertEquals(Set.of("integer"), jsonTypes, where);
        } else if (type == boolean.class) {
            assertEquals(Set.of("boolean"), jsonTypes, where);
        } else if (type.isEnum()) {
            assertEquals(SCHEMAS + type.getSimpleName(), ref, where);
        } else if (type.isRecord()) {
            assertEquals(SCHEMAS + type.getSimpleName(), ref, where);
        } else if (type == List.class) {
            assertEquals(Set.of("array"), jsonTypes, where);
        } else if (type == String.class) {
            assertTrue(jsonTypes.contains("string"), where + " is a string");
        } else {
            throw new AssertionError(where + ": no rule for " + type);
        }
    }

    @Test
    void everyPropertyOfEverySchemaIsDescribed() {
        List<String> missing = new ArrayList<>();
        doc.path("components").path("schemas").properties().forEach(s -> {
            if (!s.getValue().hasNonNull("description")) {
                missing.add(s.getKey());
            }
            s.getValue().path("properties").properties().forEach(p -> {
                if (p.getValue().path("description").asString("").isBlank()) {
                    missing.add(s.getKey() + "." + p.getKey());
                }
            });
        });
        assertEquals(List.of(), missing);
    }

    @Test
    void enumsListExactlyTheValuesOfTheCodeAndTheirLabels() throws IOException {
        assertEquals(Arrays.stream(BodyType.values()).map(Enum::name).toList(),
                list(doc.at("/components/schemas/BodyType/enum")));
        JsonNode labels = new JsonMapper().readTree(Files.readString(LABELS));
        int enums = 0;
        for (Map.Entry<String, JsonNode> s : doc.path("components").path("schemas").properties()) {
            if (s.getValue().has("enum")) {
                enums++;
                JsonNode group = labels.path(s.getKey());
                assertFalse(group.isMissingNode(), s.getKey() + " is a label group");
                assertEquals(new ArrayList<>(names(group)), list(s.getValue().path("enum")), s.getKey());
                for (String value : names(group)) {
                    String vi = group.path(value).path("vi").asString();
                    assertTrue(s.getValue().path("description").asString().contains("`" + value + "` = " + vi),
                            s.getKey() + "." + value + " is explained with its Vietnamese label");
                }
            }
        }
        assertEquals(9, enums, "enum schemas");
    }

    @Test
    void everyReferenceResolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertTrue(refs.size() > 100, "refs: " + refs.size());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), "local reference: " + ref);
            assertFalse(resolve(ref).isMissingNode(), "unresolved " + ref);
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    private static JsonNode resolve(String ref) {
        return doc.at(ref.substring(1));
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new LinkedHashSet<>();
        object.properties().forEach(e -> out.add(e.getKey()));
        return out;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<String> list(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
