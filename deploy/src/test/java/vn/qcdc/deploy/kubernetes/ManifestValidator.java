package vn.qcdc.deploy.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Checks one rendered Kubernetes object against the type its consumer reads it into: Kubernetes' own kinds and the
 * ServiceMonitor with fabric8's model, Strimzi's kinds with Strimzi's own API model, CloudNativePG's against a JSON
 * Schema. Both models normally keep unknown fields aside (in "additional properties") and go on; here that is turned
 * off, so a misspelt or misplaced field, a wrong type or an unknown enum value is an error with its path. An
 * apiVersion/kind this validator does not know is an error too: nothing is passed unchecked.
 */
final class ManifestValidator {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    private static final String CNPG_API = "postgresql.cnpg.io/v1";

    /**
     * fabric8 and Strimzi models read as the API server would: their "keep unknown fields" any-setters switched off,
     * enums by their exact values (Strimzi's lenient factories read an unknown value as null), no "3" for 3.
     */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }

                @Override
                public JsonCreator.Mode findCreatorAnnotation(MapperConfig<?> config, Annotated a) {
                    if (a instanceof AnnotatedMethod m && m.getDeclaringClass().isEnum()) {
                        return null; // the enum's @JsonValue names are then the only accepted values
                    }
                    return super.findCreatorAnnotation(config, a);
                }
            }).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema cnpg;

    ManifestValidator() {
        try (InputStream in = ManifestValidator.class.getResourceAsStream("/schemas/cloudnative-pg.yaml")) {
            cnpg = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in,
                    InputFormat.YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of one object, each naming the object and the field; empty when it is valid. */
    List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String name = kind + "/" + object.path("metadata").path("name").asText("?");
        List<String> problems = new ArrayList<>();
        if (CNPG_API.equals(apiVersion)) {
            try {
                for (Error e : cnpg.validate(JSON.writeValueAsString(object), InputFormat.JSON)) {
                    problems.add(name + ": " + e.getInstanceLocation() + ": " + e.getMessage());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return problems;
        }
        Class<?> type = TYPES.get(apiVersion + "/" + kind);
        if (type == null) {
            problems.add(name + ": no validator for " + apiVersion + " " + kind);
            return problems;
        }
        try {
            STRICT.treeToValue(object, type);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage().lines().findFirst().orElse("") + pathOf(e));
        }
        return problems;
    }

    private static String pathOf(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            return " (at " + m.getPathReference() + ")";
        }
        return "";
    }
}
