package vn.qcdc.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import vn.qcdc.events.Topics;

/**
 * Renders the Kustomize base and every overlay of deploy/kubernetes with kubectl and checks each object against its
 * type (unknown fields refused), then the properties the deployment relies on: hardened pods with probes on the
 * management port, a Service, PDB and NetworkPolicy per service and for the web console (which reaches the services'
 * APIs and nothing else of the suite, on a host of its own), the suite's topics with their partitions, Kafka
 * users limited to their own topics and group, replicas and replication per overlay.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of("kubernetes");
    static final List<String> SERVICES = List.of("inspection-service", "model-registry-service",
            "notification-service");
    /** The web face: no database, no Kafka; it reaches the services' APIs only. */
    static final String WEB = "web-console";
    /** Everything the suite runs as a Deployment of its own. */
    static final List<String> APPS = List.of("inspection-service", "model-registry-service", "notification-service",
            WEB);
    static final Map<String, Integer> HTTP_PORT = Map.of("inspection-service", 8081, "model-registry-service", 8082,
            "notification-service", 8083, WEB, 8084);
    static final Map<String, Integer> MANAGEMENT_PORT = Map.of("inspection-service", 9081, "model-registry-service",
            9082, "notification-service", 9083, WEB, 9084);

    static final ManifestValidator VALIDATOR = new ManifestValidator();

    static final Map<String, List<JsonNode>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each directory is rendered once for all tests (kubectl takes about half a second). */
    static List<JsonNode> render(String dir) {
        return RENDERED.computeIfAbsent(dir, d -> Kustomize.render(ROOT.resolve(d)));
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static JsonNode named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new HashMap<>();
        list(container.path("env")).forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/single-node", "overlays/production"})
    void everyRenderedObjectIsValidAgainstItsType(String dir) {
        List<JsonNode> objects = render(dir);
        List<String> problems = new ArrayList<>();
        objects.forEach(o -> problems.addAll(VALIDATOR.problems(o)));
        assertEquals(List.of(), problems, dir);
        Map<String, Long> counts = new TreeMap<>(
                objects.stream().collect(Collectors.groupingBy(o -> o.path("kind").asText(), Collectors.counting())));
        System.out.printf("%s: %d objects %s%n", dir, objects.size(), counts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/single-node", "overlays/production"})
    void servicesRunHardenedWithProbesOnTheManagementPort(String dir) {
        List<JsonNode> objects = render(dir);
        assertEquals(Set.copyOf(APPS), ofKind(objects, "Deployment").stream()
                .map(d -> d.path("metadata").path("name").asText()).collect(Collectors.toSet()));
        for (String service : APPS) {
            JsonNode pod = named(objects, "Deployment", service).path("spec").path("template").path("spec");
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), service);
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), service);
            JsonNode c = pod.path("containers").get(0);
            JsonNode sc = c.path("securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(), service);
            assertFalse(sc.path("allowPrivilegeEscalation").asBoolean(true), service);
            assertEquals("ALL", sc.path("capabilities").path("drop").get(0).asText(), service);
            // /tmp is writable (an emptyDir) on the read-only root filesystem
            String tmpVolume = list(c.path("volumeMounts")).stream()
                    .filter(m -> "/tmp".equals(m.path("mountPath").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no /tmp")).path("name").asText();
            assertTrue(list(pod.path("volumes")).stream()
                    .anyMatch(v -> tmpVolume.equals(v.path("name").asText()) && v.has("emptyDir")), service);
            // ports as the service listens: API and management, and the probes on the management port
            Map<String, Integer> ports = new HashMap<>();
            list(c.path("ports")).forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
            assertEquals(Map.of("http", HTTP_PORT.get(service), "management", MANAGEMENT_PORT.get(service)), ports);
            Map<String, JsonNode> env = env(c);
            assertEquals(String.valueOf(HTTP_PORT.get(service)), env.get("QUARKUS_HTTP_PORT").path("value").asText());
            assertEquals(String.valueOf(MANAGEMENT_PORT.get(service)),
                    env.get("QUARKUS_MANAGEMENT_PORT").path("value").asText());
            assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
            assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertEquals("management", c.path(probe).path("httpGet").path("port").asText(), service + probe);
            }
            assertFalse(c.path("resources").path("requests").path("memory").isMissingNode(), service);
            assertFalse(c.path("resources").path("limits").path("memory").isMissingNode(), service);
            if (SERVICES.contains(service)) {
                // the operator's read-write service of the PostgreSQL cluster, the user's own Kafka secret
                String jdbc = env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText();
                assertTrue(jdbc.startsWith("jdbc:postgresql://qcdc-db-rw:5432/"), service);
                if (service.equals("inspection-service")) {
                    // its reads go through the reactive client, to the same database
                    assertEquals(jdbc.substring("jdbc:".length()),
                            env.get("QUARKUS_DATASOURCE_REACTIVE_URL").path("value").asText(), service);
                }
                assertEquals(service, env.get("KAFKA_SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef")
                        .path("name").asText());
            } else {
                assertFalse(env.keySet().stream().anyMatch(k -> k.startsWith("QUARKUS_DATASOURCE")
                        || k.startsWith("KAFKA_")), service + " owns no data");
            }
            // a Service, a disruption budget and a network policy of its own
            named(objects, "Service", service);
            named(objects, "PodDisruptionBudget", service);
            JsonNode policy = named(objects, "NetworkPolicy", service);
            assertEquals(List.of("Ingress", "Egress"), list(policy.path("spec").path("policyTypes")).stream()
                    .map(JsonNode::asText).toList());
        }
        named(objects, "NetworkPolicy", "default-deny-ingress");
        named(objects, "NetworkPolicy", "qcdc-db");
        named(objects, "ServiceMonitor", "qcdc-services");
    }

    static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false; // an empty selector is not how these manifests pick the services' pods
        }
        return matchLabels.properties().stream()
                .allMatch(e -> e.getValue().asText().equals(labels.path(e.getKey()).asText(null)));
    }

    /** Labels only select what they should if the pods carry them: every selector of the suite is checked. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/single-node", "overlays/production"})
    void selectorsFindTheServicesPods(String dir) {
        List<JsonNode> objects = render(dir);
        JsonNode dbServicesPeer = list(named(objects, "NetworkPolicy", "qcdc-db").path("spec").path("ingress"))
                .get(0).path("from").get(0).path("podSelector").path("matchLabels");
        JsonNode kafkaPeer = named(objects, "Kafka", "qcdc-kafka").path("spec").path("kafka").path("listeners").get(0)
                .path("networkPolicyPeers").get(0).path("podSelector").path("matchLabels");
        JsonNode monitored = named(objects, "ServiceMonitor", "qcdc-services").path("spec").path("selector")
                .path("matchLabels");
        for (String service : APPS) {
            JsonNode pod = named(objects, "Deployment", service).path("spec").path("template").path("metadata")
                    .path("labels");
            boolean backend = SERVICES.contains(service);
            assertEquals(backend, selects(dbServicesPeer, pod), service + " reaches PostgreSQL: " + backend);
            assertEquals(backend, selects(kafkaPeer, pod), service + " reaches Kafka: " + backend);
            assertTrue(selects(named(objects, "Deployment", service).path("spec").path("selector")
                    .path("matchLabels"), pod), service);
            assertTrue(selects(named(objects, "Service", service).path("spec").path("selector"), pod), service);
            assertTrue(selects(named(objects, "PodDisruptionBudget", service).path("spec").path("selector")
                    .path("matchLabels"), pod), service);
            assertTrue(selects(named(objects, "NetworkPolicy", service).path("spec").path("podSelector")
                    .path("matchLabels"), pod), service);
            // the web console has no metrics to scrape
            assertEquals(backend, selects(monitored, named(objects, "Service", service).path("metadata")
                    .path("labels")), service + " is scraped: " + backend);
            for (String other : APPS) {
                if (!other.equals(service)) {
                    assertFalse(selects(named(objects, "NetworkPolicy", other).path("spec").path("podSelector")
                            .path("matchLabels"), pod), other + " policy selects " + service);
                }
            }
        }
    }

    /** The console reaches each service's API port: its egress allows it and the service's policy admits it. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/single-node", "overlays/production"})
    void theWebConsoleReachesTheServicesApisAndNothingElseOfTheSuite(String dir) {
        List<JsonNode> objects = render(dir);
        JsonNode webPod = named(objects, "Deployment", WEB).path("spec").path("template").path("metadata")
                .path("labels");
        Map<String, JsonNode> env = env(named(objects, "Deployment", WEB).path("spec").path("template").path("spec")
                .path("containers").get(0));
        List<JsonNode> egress = list(named(objects, "NetworkPolicy", WEB).path("spec").path("egress"));
        for (String service : SERVICES) {
            int port = HTTP_PORT.get(service);
            String variable = "QCDC_WEB_" + service.replace("-service", "").replace('-', '_').toUpperCase(
                    java.util.Locale.ROOT) + "_URL";
            assertEquals("http://" + service + ":" + port, env.get(variable).path("value").asText(), variable);
            assertTrue(list(named(objects, "Service", service).path("spec").path("ports")).stream()
                    .anyMatch(p -> p.path("port").asInt() == port), service);
            JsonNode servicePod = named(objects, "Deployment", service).path("spec").path("template")
                    .path("metadata").path("labels");
            assertTrue(egress.stream().anyMatch(e -> list(e.path("to")).stream()
                    .anyMatch(t -> selects(t.path("podSelector").path("matchLabels"), servicePod))
                    && list(e.path("ports")).stream().anyMatch(p -> p.path("port").asInt() == port)),
                    "web-console may not call " + service);
            assertTrue(list(named(objects, "NetworkPolicy", service).path("spec").path("ingress")).stream()
                    .anyMatch(i -> list(i.path("from")).stream()
                            .anyMatch(f -> selects(f.path("podSelector").path("matchLabels"), webPod))
                            && list(i.path("ports")).stream().anyMatch(p -> p.path("port").asInt() == port)),
                    service + " does not admit web-console");
        }
        // Officers sign in at the provider: never the dev sign-in of the local suite.
        JsonNode config = ofKind(objects, "ConfigMap").stream()
                .filter(m -> m.path("metadata").path("name").asText().startsWith("qcdc-web-config-")).findFirst()
                .orElseThrow();
        assertEquals("true", config.path("data").path("QUARKUS_OIDC_TENANT_ENABLED").asText());
        assertFalse(config.path("data").has("QCDC_SECURITY_DEV_KEYS_ALLOWED"));
        assertFalse(env.containsKey("QCDC_SECURITY_DEV_KEYS_ALLOWED"));
    }

    /** The site has a host of its own (the console's cookie never goes to the APIs' host), all of it to the console. */
    @Test
    void theSiteIsServedOnAHostOfItsOwn() {
        List<JsonNode> objects = render("overlays/production");
        JsonNode web = named(objects, "Ingress", "qcdc-web").path("spec");
        JsonNode api = named(objects, "Ingress", "qcdc-api").path("spec");
        String host = web.path("rules").get(0).path("host").asText();
        assertFalse(host.equals(api.path("rules").get(0).path("host").asText()), host);
        assertEquals(host, web.path("tls").get(0).path("hosts").get(0).asText());
        JsonNode path = web.path("rules").get(0).path("http").path("paths").get(0);
        assertEquals("/", path.path("path").asText());
        assertEquals(WEB, path.path("backend").path("service").path("name").asText());
        assertEquals("http", path.path("backend").path("service").path("port").path("name").asText());
    }

    @Test
    void theIngressRoutesEveryApiToAServiceThatExists() {
        List<JsonNode> objects = render("overlays/production");
        Set<String> services = ofKind(objects, "Service").stream().map(s -> s.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
        JsonNode ingress = named(objects, "Ingress", "qcdc-api");
        Set<String> backends = new HashSet<>();
        for (JsonNode rule : list(ingress.path("spec").path("rules"))) {
            for (JsonNode path : list(rule.path("http").path("paths"))) {
                String backend = path.path("backend").path("service").path("name").asText();
                assertTrue(services.contains(backend), backend);
                assertTrue(path.path("path").asText().startsWith("/api/v1/"), path.toString());
                backends.add(backend);
            }
        }
        assertEquals(Set.copyOf(SERVICES), backends);
    }

    @Test
    void productionRunsReplicatedEverywhere() {
        List<JsonNode> objects = render("overlays/production");
        for (String service : APPS) {
            assertTrue(named(objects, "Deployment", service).path("spec").path("replicas").asInt() >= 2, service);
            assertTrue(named(objects, "HorizontalPodAutoscaler", service).path("spec").path("minReplicas")
                    .asInt() >= 2, service);
        }
        int controllers = 0;
        int brokers = 0;
        for (JsonNode pool : ofKind(objects, "KafkaNodePool")) {
            Set<String> roles = list(pool.path("spec").path("roles")).stream().map(JsonNode::asText)
                    .collect(Collectors.toSet());
            int replicas = pool.path("spec").path("replicas").asInt();
            controllers += roles.contains("controller") ? replicas : 0;
            brokers += roles.contains("broker") ? replicas : 0;
        }
        assertEquals(3, controllers);
        assertEquals(3, brokers);
        assertEquals(3, named(objects, "Cluster", "qcdc-db").path("spec").path("instances").asInt());
        for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
            assertEquals(3, topic.path("spec").path("replicas").asInt(), topic.toString());
            assertEquals(2, topic.path("spec").path("config").path("min.insync.replicas").asInt(), topic.toString());
        }
        assertEquals("3", configValue(objects, "QCDC_EVENTS_REPLICATION_FACTOR"));
    }

    /**
     * Every replica's connection pools, at the autoscalers' largest count, fit in the PostgreSQL cluster's
     * {@code max_connections}, with room for the operator, its superuser slots and a person's session: a service
     * scaled up must not find the database full. Each service names its JDBC pool's maximum (Agroal's default of 20
     * would ask for 240 at four replicas each), and inspection-service its reactive pool's.
     */
    @Test
    void everyReplicasConnectionsFitTheDatabase() {
        for (String dir : List.of("base", "overlays/production", "overlays/single-node")) {
            List<JsonNode> objects = render(dir);
            int maxConnections = named(objects, "Cluster", "qcdc-db").path("spec").path("postgresql")
                    .path("parameters").path("max_connections").asInt();
            int wanted = 0;
            for (String service : SERVICES) {
                JsonNode deployment = named(objects, "Deployment", service);
                int replicas = ofKind(objects, "HorizontalPodAutoscaler").stream()
                        .filter(h -> service.equals(h.path("metadata").path("name").asText()))
                        .mapToInt(h -> h.path("spec").path("maxReplicas").asInt()).findFirst()
                        .orElse(deployment.path("spec").path("replicas").asInt());
                Map<String, JsonNode> env = env(deployment.path("spec").path("template").path("spec")
                        .path("containers").get(0));
                assertTrue(env.containsKey("QUARKUS_DATASOURCE_JDBC_MAX_SIZE"), dir + " " + service);
                int perReplica = env.get("QUARKUS_DATASOURCE_JDBC_MAX_SIZE").path("value").asInt();
                if (env.containsKey("QUARKUS_DATASOURCE_REACTIVE_URL")) {
                    assertTrue(env.containsKey("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"), dir + " " + service);
                    perReplica += env.get("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE").path("value").asInt();
                }
                assertTrue(perReplica > 0, dir + " " + service);
                wanted += replicas * perReplica;
            }
            // 3 superuser slots (PostgreSQL's default), the operator's own connections and a person's psql: 20
            assertTrue(wanted <= maxConnections - 20,
                    dir + ": pools may open " + wanted + " connections; max_connections is " + maxConnections);
        }
    }

    @Test
    void singleNodeRunsOneOfEach() {
        List<JsonNode> objects = render("overlays/single-node");
        for (String service : APPS) {
            assertEquals(1, named(objects, "Deployment", service).path("spec").path("replicas").asInt(), service);
        }
        assertEquals(List.of(), ofKind(objects, "HorizontalPodAutoscaler"));
        assertEquals(1, named(objects, "KafkaNodePool", "dual-role").path("spec").path("replicas").asInt());
        assertEquals(1, named(objects, "Cluster", "qcdc-db").path("spec").path("instances").asInt());
        for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
            assertEquals(1, topic.path("spec").path("replicas").asInt(), topic.toString());
        }
        assertEquals("1", configValue(objects, "QCDC_EVENTS_REPLICATION_FACTOR"));
    }

    static String configValue(List<JsonNode> objects, String key) {
        JsonNode map = ofKind(objects, "ConfigMap").stream()
                .filter(m -> m.path("metadata").path("name").asText().startsWith("qcdc-config-")).findFirst()
                .orElseThrow();
        return map.path("data").path(key).asText();
    }

    @Test
    void everyTopicOfTheSuiteIsDeclaredWithItsPartitions() {
        List<JsonNode> objects = render("overlays/production");
        Map<String, Integer> declared = new HashMap<>();
        for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
            declared.put(topic.path("spec").path("topicName").asText(), topic.path("spec").path("partitions").asInt());
        }
        Map<String, Integer> wanted = new HashMap<>();
        Topics.ALL.forEach(t -> wanted.put(t.name(), t.partitions()));
        // each consuming service's dead-letter topic (consumer group = service name), one partition as TopicAdmin
        SERVICES.forEach(s -> wanted.put(Topics.deadLetterOf(s), 1));
        assertEquals(wanted, declared);
    }

    @Test
    void kafkaUsersReachOnlyTheirOwnTopicsAndGroup() {
        List<JsonNode> objects = render("overlays/production");
        Set<String> topics = ofKind(objects, "KafkaTopic").stream()
                .map(t -> t.path("spec").path("topicName").asText()).collect(Collectors.toSet());
        Map<String, Set<String>> writes = new HashMap<>();
        for (String service : SERVICES) {
            JsonNode user = named(objects, "KafkaUser", service);
            assertEquals("scram-sha-512", user.path("spec").path("authentication").path("type").asText());
            for (JsonNode acl : list(user.path("spec").path("authorization").path("acls"))) {
                JsonNode resource = acl.path("resource");
                assertEquals("literal", resource.path("patternType").asText(), acl.toString());
                Set<String> ops = list(acl.path("operations")).stream().map(JsonNode::asText)
                        .collect(Collectors.toSet());
                // no topic creation, deletion, configuration or cluster rights: Strimzi owns the topics
                assertTrue(Set.of("Read", "Write", "Describe").containsAll(ops), service + " " + acl);
                String name = resource.path("name").asText();
                switch (resource.path("type").asText()) {
                    case "topic" -> {
                        assertTrue(topics.contains(name), name);
                        if (ops.contains("Write")) {
                            writes.computeIfAbsent(service, k -> new HashSet<>()).add(name);
                        }
                    }
                    case "group" -> assertEquals(service, name);
                    default -> throw new AssertionError(service + " has a " + resource + " ACL");
                }
            }
        }
        assertEquals(Set.of(Topics.INSPECTION.name(), Topics.deadLetterOf("inspection-service")),
                writes.get("inspection-service"));
        assertEquals(Set.of(Topics.MODEL.name(), Topics.deadLetterOf("model-registry-service")),
                writes.get("model-registry-service"));
        assertEquals(Set.of(Topics.NOTIFICATION.name(), Topics.deadLetterOf("notification-service")),
                writes.get("notification-service"));
    }
}
