package vn.qcdc.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import vn.qcdc.infra.DevTokens;

/**
 * Write throughput of the multi-node rehearsal with one and with two replicas per service (three brokers both times):
 * the {@link WriteLoad} of {@link MultiNodeTest} (deadline changes and progress reports, round robin over the
 * inspection replicas), closed loop, several rounds per configuration. Run by bench/multi-node/run.sh; skipped in a
 * normal build ({@code -Dqcdc.bench=true} runs it).
 */
class MultiNodeThroughputBenchmark {

    final String steering = DevTokens.token("steering", "06", null);

    @Test
    void writeThroughputWithOneAndTwoReplicas() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("qcdc.bench"), "a benchmark: -Dqcdc.bench=true");
        int rounds = Integer.getInteger("qcdc.bench.rounds", 3);
        int seconds = Integer.getInteger("qcdc.bench.seconds", 30);
        int threads = Integer.getInteger("qcdc.bench.threads", 8);
        int warmUp = Integer.getInteger("qcdc.bench.warmup", 30);
        List<String> lines = new ArrayList<>();
        for (int replicas : List.of(1, 2)) {
            try (RunningSuite suite = RunningSuite.temporary("qcdc-bench-multinode-")) {
                suite.rehearseCluster(3, replicas);
                suite.start("--no-build");
                suite.awaitReady(Duration.ofMinutes(5));
                List<String> recommendations = recommendations(suite, 8);
                new WriteLoad(recommendations, suite.apiPorts.get("inspection-service"), threads)
                        .warmUp(Duration.ofSeconds(warmUp));
                // With two replicas, rounds alternate between the load balanced over both and the load on the first
                // replica only: the second tells what running more processes costs apart from sharing the requests.
                List<Integer> all = suite.apiPorts.get("inspection-service");
                List<List<Integer>> targets = replicas == 1 ? List.of(all) : List.of(all, all.subList(0, 1));
                List<List<Double>> perRound = new ArrayList<>();
                List<List<String>> loads = new ArrayList<>();
                targets.forEach(t -> {
                    perRound.add(new ArrayList<>());
                    loads.add(new ArrayList<>());
                });
                for (int round = 0; round < rounds; round++) {
                    for (int t = 0; t < targets.size(); t++) {
                        WriteLoad load = new WriteLoad(recommendations, targets.get(t), threads);
                        load.start();
                        Thread.sleep(seconds * 1000L);
                        load.stop();
                        assertEquals(List.of(), load.errors);
                        perRound.get(t).add(load.throughput());
                        loads.get(t).add(loadAverage());
                        System.out.printf(Locale.ROOT, "replicas %d, round %d: %s; load average %s%n", replicas,
                                round + 1, load, loadAverage());
                    }
                }
                for (int t = 0; t < targets.size(); t++) {
                    List<Double> sorted = perRound.get(t).stream().sorted().toList();
                    lines.add(String.format(Locale.ROOT, "| %d | %s | %s | **%.1f** | %s |", replicas,
                            targets.get(t).size() == replicas ? "all (round robin)" : "first only",
                            String.join(", ", perRound.get(t).stream()
                                    .map(v -> String.format(Locale.ROOT, "%.1f", v)).toList()),
                            sorted.get(sorted.size() / 2), String.join("; ", loads.get(t))));
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n# multi-node write throughput (3 brokers, %d client threads, %d s rounds, "
                + "acknowledged writes/s)%n| replicas per service | requests to | rounds | median | load average "
                + "after each round (1, 5, 15 min) |%n|---|---|---|---|---|%n", threads, seconds);
        lines.forEach(System.out::println);
        System.out.println();
    }

    /** {@code count} inspections' recommendations (5 each), due on the load's first due date. */
    List<String> recommendations(RunningSuite suite, int count) {
        String delegation = given().port(suite.inspectionPort).auth().oauth2(steering).contentType(ContentType.JSON)
                .body(Scenario.DELEGATION).post("/api/v1/delegations").then().statusCode(201).extract().path("id");
        List<String> all = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String inspection = given().port(suite.inspectionPort).auth().oauth2(steering)
                    .contentType(ContentType.JSON).body(Scenario.inspection(delegation)).post("/api/v1/inspections")
                    .then().statusCode(201).extract().path("id");
            given().port(suite.inspectionPort).auth().oauth2(steering).contentType(ContentType.JSON).body("{}")
                    .post("/api/v1/inspections/" + inspection + "/start").then().statusCode(200);
            StringBuilder recs = new StringBuilder();
            for (int k = 1; k <= 5; k++) {
                recs.append(k > 1 ? "," : "").append("""
                        {"content": "Kiến nghị %d (đo tải)", "addressees": [{"bodyType": "GOVERNMENT"}],
                         "area": "OTHER", "priority": "NORMAL", "dueDate": "%s"}""".formatted(k,
                        WriteLoad.DUE_DATES.get(0)));
            }
            given().port(suite.inspectionPort).auth().oauth2(steering).contentType(ContentType.JSON).body("""
                    {"text": "Kết luận (đo tải)", "signer": "Phạm Duy Hưng", "date": "2020-12-03",
                     "recommendations": [%s]}""".formatted(recs)).post("/api/v1/inspections/" + inspection
                    + "/conclusion").then().statusCode(200);
            all.addAll(given().port(suite.inspectionPort).auth().oauth2(steering).queryParam("inspection", inspection)
                    .get("/api/v1/recommendations").then().statusCode(200).extract().<List<String>>path("items.id"));
        }
        return all;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }
}
