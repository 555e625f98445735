package vn.qcdc.deploy.kubernetes;

import java.io.IOException;
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
import com.networknt.schema.Schema;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks one rendered Kubernetes object against its schema: Kubernetes' own kinds with fabric8's model of them, the
 * operators' custom resources (Strimzi, CloudNativePG, Prometheus operator) against the openAPIV3Schema of their
 * vendored CustomResourceDefinitions ({@link CrdSchemas}), the metadata of those with fabric8's ObjectMeta. fabric8's
 * model normally keeps unknown fields aside (in "additional properties") and goes on; here that is turned off, as
 * the CRD schemas are closed, so a misspelt or misplaced field, a wrong type or an unknown enum value is an error
 * with its path. An apiVersion/kind this validator does not know is an error too: nothing is passed unchecked.
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
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class));

    /**
     * fabric8's model read as the API server would: its "keep unknown fields" any-setters switched off, enums by
     * their exact values (a lenient factory would read an unknown value as null), no "3" for 3.
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

    private final CrdSchemas crds = new CrdSchemas();

    /** The problems of one object, each naming the object and the field; empty when it is valid. */
    List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String name = kind + "/" + object.path("metadata").path("name").asText("?");
        List<String> problems = new ArrayList<>();
        Schema crd = crds.schema(apiVersion, kind);
        if (crd != null) {
            for (Error e : CrdSchemas.validate(crd, object)) {
                String at = e.getInstanceLocation().toString();
                JsonNode value = object.at(at);
                problems.add(name + ": " + at + ": " + e.getMessage()
                        + (value.isValueNode() ? " (value " + value + ")" : ""));
            }
            readStrictly(object.path("metadata"), ObjectMeta.class, name + " metadata", problems);
            return problems;
        }
        Class<?> type = TYPES.get(apiVersion + "/" + kind);
        if (type == null) {
            problems.add(name + ": no validator for " + apiVersion + " " + kind);
            return problems;
        }
        readStrictly(object, type, name, problems);
        return problems;
    }

    private static void readStrictly(JsonNode node, Class<?> type, String name, List<String> problems) {
        try {
            STRICT.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage().lines().findFirst().orElse("") + pathOf(e));
        }
    }

    private static String pathOf(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m) {
            return " (at " + m.getPathReference() + ")";
        }
        return "";
    }
}
