package vn.qcdc.inspection.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import vn.qcdc.inspection.recommendation.RecommendationRows;
import vn.qcdc.testsupport.Tokens;

/**
 * Benchmark (not a test; runs only with {@code -Dqcdc.bench=true}, see bench/inspection/README.md): throughput and
 * p99 of the API at 16 clients (wrk) beside pgbench running the same SQL (list, get by id) or the minimal equivalent
 * statements (a progress report) with bind parameters ({@code -M prepared}, as the JDBC driver does) and the
 * service's session settings, on the same PostgreSQL, interleaved round by round so the shared machine's load hits
 * both alike. Writes a markdown table of medians over the rounds.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class ThroughputBenchmark {

    @Inject
    EntityManager em;

    @Inject
    MeterRegistry meters;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    final StringBuilder out = new StringBuilder();

    record Run(double perSecond, double p50, double p99, long errors, String load) {
    }

    @Test
    void throughput() throws Exception {
        int size = Integer.getInteger("qcdc.bench.rows", 1_000_000);
        int clients = Integer.getInteger("qcdc.bench.clients", 16);
        int seconds = Integer.getInteger("qcdc.bench.seconds", 10);
        int rounds = Integer.getInteger("qcdc.bench.rounds", 3);
        int warmup = Integer.getInteger("qcdc.bench.throughput.warmup", 20);
        long have = ((Number) QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT count(*) FROM recommendation").getSingleResult()))
                .longValue();
        if (have < size) {
            RecommendationListBenchmark g = new RecommendationListBenchmark();
            g.em = em;
            g.dataSource = dataSource;
            g.generate((int) have, size);
        }
        // Progress reports go to 2,000 recommendations still open; pgbench picks them by number from this table.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DROP TABLE IF EXISTS bench_target").executeUpdate();
            em.createNativeQuery("CREATE TABLE bench_target AS SELECT row_number() OVER () AS n, id FROM"
                    + " (SELECT id FROM recommendation WHERE status IN ('ISSUED','IN_PROGRESS') AND unit_code IN ('01834','01837','01840','01855') LIMIT 2000) s")
                    .executeUpdate();
            em.createNativeQuery("ALTER TABLE bench_target ADD PRIMARY KEY (n)").executeUpdate();
            em.createNativeQuery("ANALYZE bench_target").executeUpdate();
        });
        @SuppressWarnings("unchecked")
        List<Object> targets = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("SELECT CAST(id AS text) FROM bench_target ORDER BY n")
                        .getResultList());
        List<String> ids = targets.stream().map(Object::toString).toList();

        String reader = Tokens.steering("06");
        String writer = Tokens.admin();
        String lua = "ids = {" + ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",")) + "}\n"
                + "reader = \"Bearer " + reader + "\"\nwriter = \"Bearer " + writer + "\"\n"
                + """
                        local n = 0
                        function setup(thread) n = n + 1; thread:set("tid", n) end
                        function init(args) mode = args[1]; count = 0; math.randomseed(os.time() * 1000 + tid) end
                        request = function()
                          local id = ids[math.random(#ids)]
                          if mode == "list" then
                            return wrk.format("GET", "/api/v1/recommendations?unit=06&status=ISSUED&limit=50",
                              {["Authorization"] = reader})
                          elseif mode == "get" then
                            return wrk.format("GET", "/api/v1/recommendations/" .. id, {["Authorization"] = reader})
                          elseif mode == "list-floor" then
                            return wrk.format("GET", "/bench/floor", {["Authorization"] = reader})
                          elseif mode == "get-reactive-floor" then
                            return wrk.format("GET", "/bench/floor/reactive/" .. id, {["Authorization"] = reader})
                          elseif mode == "get-floor" then
                            return wrk.format("GET", "/bench/floor/" .. id, {["Authorization"] = reader})
                          elseif mode == "progress-floor" then
                            return wrk.format("POST", "/bench/floor/" .. math.random(#ids) .. "/progress",
                              {["Authorization"] = writer})
                          end
                          count = count + 1
                          return wrk.format("POST", "/api/v1/recommendations/" .. id .. "/progress",
                            {["Authorization"] = writer, ["Content-Type"] = "application/json",
                             ["Idempotency-Key"] = string.format("%d-%d-%d-%d", os.time(), tid, math.random(1000000000), count)},
                            '{"text":"Đã triển khai","percent":40}')
                        end
                        """;
        Path script = Files.createTempFile("wrk", ".lua");
        Files.writeString(script, lua);
        // list-floor, get-floor, get-reactive-floor and progress-floor: the same requests, with the same tokens, to
        // FloorResource, which does only what pgbench does through the same HTTP, security and connection-pool
        // layers; each beside its own pgbench run.
        List<String> api = List.of(System.getProperty("qcdc.bench.modes",
                "list,list-floor,get,get-floor,get-reactive-floor,progress,progress-floor").split(","));
        Map<String, String> sql = new LinkedHashMap<>();
        // The statement the service sends for unit=06: the coverage of the province (every code below it, in each
        // of its versions, and the units it was formed from) as one array.
        sql.put("list",
                "SELECT " + RecommendationRows.COLUMNS
                        + " FROM recommendation r WHERE true AND r.unit_code = ANY(:units)"
                        + " AND r.status = :st ORDER BY r.due_date, r.id LIMIT 51;\n");
        sql.put("get", "\\set n random(1, 2000)\n"
                + "SELECT " + RecommendationRows.COLUMNS
                + " FROM recommendation r WHERE r.id = (SELECT id FROM bench_target WHERE n = :n);\n");
        // The minimal statements of a progress report: state row, progress row, history row, outbox row, idempotency row.
        sql.put("progress",
                """
                        \\set n random(1, 2000)
                        BEGIN;
                        INSERT INTO idempotency_record (caller, idem_key, operation, request_hash) VALUES (:caller, gen_random_uuid()::text, :op, :hash);
                        UPDATE recommendation SET status = :st2, progress_percent = 40, updated_at = now(), updated_by = :caller, version = version + 1 WHERE id = (SELECT id FROM bench_target WHERE n = :n);
                        INSERT INTO progress_report (id, recommendation_id, kind, text, percent, evidence, reported_by, reported_at, reported_on) SELECT gen_random_uuid(), id, :kind, :txt, 40, '[]', :caller, now(), current_date FROM bench_target WHERE n = :n;
                        INSERT INTO change_history (aggregate_type, aggregate_id, inspection_id, at, actor, action, detail) SELECT :agg, b.id, r.inspection_id, now(), :caller, :act, '{"percent":40}' FROM bench_target b JOIN recommendation r ON r.id = b.id WHERE b.n = :n;
                        WITH v AS (INSERT INTO outbox_aggregate (topic, record_key, version) VALUES (:topic, :n, 1) ON CONFLICT (topic, record_key) DO UPDATE SET version = outbox_aggregate.version + 1 RETURNING version) INSERT INTO outbox_event (event_id, topic, record_key, type, source, subject, occurred_at, payload, aggregate_version) SELECT gen_random_uuid(), :topic, :n, :etype, :src, :subj, now(), :payload, v.version FROM v;
                        COMMIT;
                        """);
        sql.put("list-floor", sql.get("list"));
        sql.put("get-floor", sql.get("get"));
        sql.put("get-reactive-floor", sql.get("get"));
        sql.put("progress-floor", sql.get("progress"));
        Map<String, List<Run>> apiRuns = new LinkedHashMap<>();
        Map<String, List<Run>> pgRuns = new LinkedHashMap<>();
        // Warm-up, not measured: the JIT compiles the service's hot paths with its optimising compiler (the rounds
        // still rose ~2x, round after round, after a 5 s warm-up), and every pooled connection passes the driver's
        // prepare threshold. pgbench and PostgreSQL have nothing to compile.
        for (String k : api) {
            wrk(script, k, clients, warmup);
        }
        Map<String, double[]> relayed = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String k : api) {
                // Each run starts with the outbox drained: the relay's work on the events of the run before (pgbench
                // writes outbox rows too, ~20,000 in 10 s) must not fall into this one. The events a run writes are
                // relayed during it, as the service does in production.
                drainOutbox();
                double events = meters.counter("qcdc.outbox.published").count();
                double passes = meters.counter("qcdc.outbox.passes").count();
                apiRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(wrk(script, k, clients, seconds));
                double[] r = relayed.computeIfAbsent(k, x -> new double[2]);
                r[0] += meters.counter("qcdc.outbox.published").count() - events;
                r[1] += meters.counter("qcdc.outbox.passes").count() - passes;
                drainOutbox();
                pgRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(pgbench(sql.get(k), clients, seconds));
                System.out.println("[bench] round " + round + " " + k + " api " + last(apiRuns.get(k)) + " pgbench "
                        + last(pgRuns.get(k)));
            }
        }
        out.append("# inspection-service: throughput at ").append(clients).append(" clients, API beside pgbench\n\n")
                .append(String.format("%,d", size)).append(" recommendations; ").append(rounds)
                .append(" interleaved rounds of ").append(seconds).append(" s per line after ").append(warmup)
                .append(" s of warm-up each (medians; p50/p99 in ms); ")
                .append(OffsetDateTime.now(ZoneOffset.UTC).withNano(0)).append(".\n\n")
                .append("| what | API req/s | API p50 | API p99 | pgbench tx/s | pgbench p50 | pgbench p99 | ratio |"
                        + " load avg (1 min) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String k : api) {
            Run a = median(apiRuns.get(k));
            Run p = median(pgRuns.get(k));
            out.append(String.format("| %s | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.2f | %s |%n", k,
                    a.perSecond, a.p50, a.p99, p.perSecond, p.p50, p.p99, a.perSecond / p.perSecond,
                    apiRuns.get(k).stream().map(Run::load).toList()));
            if (a.errors > 0) {
                out.append("\n(API errors on ").append(k).append(": ").append(a.errors).append(")\n");
            }
        }
        out.append("\nEvents the relay published during the API runs, and in how many passes (transactions):\n\n");
        relayed.forEach((k, r) -> {
            if (r[0] > 0) {
                out.append(String.format("- %s: %,.0f events in %,.0f passes (%.1f per pass)%n", k, r[0], r[1],
                        r[0] / Math.max(1, r[1])));
            }
        });
        Path file = Path.of(System.getProperty("qcdc.bench.throughput.out", "target/bench-throughput.md"));
        Files.writeString(file, out);
        System.out.println("[bench] written to " + file);
        System.out.println(out);
    }

    /** Waits (up to a minute) until the relay has published every event of the outbox that is not parked. */
    void drainOutbox() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            long pending = ((Number) QuarkusTransaction.requiringNew().call(() -> em
                    .createNativeQuery("SELECT count(*) FROM outbox_event WHERE parked_at IS NULL").getSingleResult()))
                    .longValue();
            if (pending == 0) {
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("[bench] the outbox was not drained within a minute");
    }

    static String last(List<Run> runs) {
        Run r = runs.get(runs.size() - 1);
        return String.format("%.0f/s p99 %.1f ms", r.perSecond, r.p99);
    }

    static Run median(List<Run> runs) {
        double[] rate = runs.stream().mapToDouble(Run::perSecond).sorted().toArray();
        double[] p50 = runs.stream().mapToDouble(Run::p50).sorted().toArray();
        double[] p99 = runs.stream().mapToDouble(Run::p99).sorted().toArray();
        return new Run(rate[rate.length / 2], p50[p50.length / 2], p99[p99.length / 2],
                runs.stream().mapToLong(Run::errors).sum(), "");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** wrk (2 threads, {@code clients} connections) against the running service; its own p50/p99. */
    Run wrk(Path script, String mode, int clients, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + clients, "-d" + seconds + "s", "--latency", "-s",
                script.toString(), "http://localhost:" + RestAssured.port, "--", mode).redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + output);
        }
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk output: " + output);
        }
        Matcher errors = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(output);
        return new Run(Double.parseDouble(rate.group(1)), percentile(output, "50"), percentile(output, "99"),
                errors.find() ? Long.parseLong(errors.group(1)) : 0, loadAverage());
    }

    /** A percentile of wrk's latency distribution, in ms. */
    static double percentile(String output, String which) {
        Matcher m = Pattern.compile("\\s" + which + "%\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk output: " + output);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    /** pgbench -M prepared with the service's session options, on the service's database; latencies from its log. */
    Run pgbench(String script, int clients, int seconds) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)")
                .matcher(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class));
        if (!m.find()) {
            throw new IllegalStateException("datasource url");
        }
        Path dir = Files.createTempDirectory("pgbench");
        Path file = dir.resolve("script.sql");
        Files.writeString(file, script);
        List<String> cmd = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared", "-c", String.valueOf(clients),
                "-j", "2", "-T", String.valueOf(seconds), "-f", file.toString(), "-l", "--log-prefix",
                dir.resolve("log").toString(), "-h", m.group(1), "-p", m.group(2), "-U",
                ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class)));
        for (String d : List.of("units=" + RecommendationListBenchmark.COVERAGE_06, "st=ISSUED",
                "st2=IN_PROGRESS", "caller=bench", "op=POST /recommendations/x/progress", "hash=h", "kind=PROGRESS",
                "txt=Đã triển khai", "agg=RECOMMENDATION", "act=PROGRESS_REPORTED", "topic=qcdc.inspection.events.v1",
                "etype=vn.qcdc.inspection.recommendation.progress-reported.v1", "src=/inspection-service",
                "subj=recommendation/x", "payload={\"percent\":40}")) {
            cmd.add("-D");
            cmd.add(d);
        }
        cmd.add(m.group(3));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().put("PGPASSWORD",
                ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class));
        pb.environment().put("PGOPTIONS", ConfigProvider.getConfig()
                .getValue("quarkus.datasource.jdbc.additional-jdbc-properties.options", String.class));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        long[] lat;
        try (Stream<Path> logs = Files.list(dir)) {
            lat = logs.filter(f -> f.getFileName().toString().startsWith("log")).flatMap(f -> {
                try {
                    return Files.readAllLines(f).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).mapToLong(l -> Long.parseLong(l.split(" ")[2])).sorted().toArray();
        }
        long failed = output.lines().filter(l -> l.contains("number of failed transactions"))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*: (\\d+).*", "$1"))).sum();
        return new Run(lat.length / (double) seconds, lat[lat.length / 2] / 1e3,
                lat[(int) Math.ceil(lat.length * 0.99) - 1] / 1e3, failed, loadAverage());
    }
}
