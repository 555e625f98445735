package vn.qcdc.inspection.bench;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.inspection.recommendation.RecommendationRows;
import vn.qcdc.testsupport.Tokens;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Benchmark (not a test; runs only with {@code -Dqcdc.bench=true}, see bench/inspection/README.md): p50/p99 latency
 * of listing recommendations with filters through the real HTTP API, at 10,000 and 1,000,000 recommendations
 * generated with SQL {@code generate_series}, beside a baseline (a recommendation fetched by its primary key through
 * the same API), with the query plans of the list queries.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class RecommendationListBenchmark {

    /**
     * What the service binds for {@code unit=06} (a steering committee of the province): its coverage, as one array
     * literal (117 codes in the official data).
     */
    static final String COVERAGE_06 = "{" + String.join(",", AdministrativeUnits.builtIn().coverage("06")) + "}";

    static final String[] UNITS = {"01834", "01837", "01840", "01855", "01843", "05443", "03127"};
    static final int RECS_PER_INSPECTION = 5;

    @Inject
    EntityManager em;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    final StringBuilder out = new StringBuilder();

    @Test
    void listLatency() throws IOException {
        int warmup = Integer.getInteger("qcdc.bench.warmup", 100);
        int iterations = Integer.getInteger("qcdc.bench.iterations", 500);
        List<Integer> sizes = Arrays.stream(System.getProperty("qcdc.bench.sizes", "10000,1000000").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        out.append("# inspection-service: listing recommendations, p50/p99\n\n")
                .append("Through the real HTTP API (JWT verification, JSON, PostgreSQL), one client thread, ")
                .append(warmup).append(" warm-up + ").append(iterations)
                .append(" measured requests per line; ratio = p50 / baseline p50.\n");
        int have = 0;
        for (int size : sizes) {
            long t0 = System.nanoTime();
            generate(have, size);
            have = size;
            out.append("\n## ").append(String.format("%,d", size)).append(" recommendations (generated in ")
                    .append((System.nanoTime() - t0) / 1_000_000_000).append(" s)\n\n");
            measureAll(warmup, iterations);
        }
        flush();
        System.out.println("[bench] written to " + System.getProperty("qcdc.bench.out", "target/bench-results.md"));
        System.out.println(out);
    }

    void measureAll(int warmup, int iterations) {
        String token = Tokens.steering("06");
        String anyId = QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery("SELECT CAST(id AS text) FROM recommendation ORDER BY id LIMIT 1")
                .getSingleResult().toString());
        String cursor = given().auth().oauth2(token).queryParam("unit", "06").queryParam("limit", 50)
                .get("/api/v1/recommendations").then().statusCode(200).extract().path("nextCursor");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("baseline: GET /recommendations/{id} (primary key)", "/api/v1/recommendations/" + anyId);
        cases.put("unit=06 (coverage: 4 wards + district + province), sort dueDate, limit 50",
                "/api/v1/recommendations?unit=06&limit=50");
        cases.put("unit=06, 2nd page (cursor)", "/api/v1/recommendations?unit=06&limit=50&cursor=" + cursor);
        cases.put("unit=06 & status=IN_PROGRESS & overdue=true",
                "/api/v1/recommendations?unit=06&status=IN_PROGRESS&overdue=true&limit=50");
        cases.put("unit=06 & addressee=WOMENS_UNION & dueFrom..dueTo & year=2021",
                "/api/v1/recommendations?unit=06&addressee=WOMENS_UNION&dueFrom=2022-01-01&dueTo=2023-12-31"
                        + "&year=2021&limit=50");
        cases.put("unit=06 & sort=-createdAt", "/api/v1/recommendations?unit=06&sort=-createdAt&limit=50");
        cases.put("unit=06 & q=xuat hoa (common term)", "/api/v1/recommendations?unit=06&q=xuat%20hoa&limit=50");
        cases.put("unit=06 & q=so 77777 (rare term)", "/api/v1/recommendations?unit=06&q=so%2077777&limit=50");
        out.append("| request | p50 ms | p99 ms | ratio p50 |\n|---|---:|---:|---:|\n");
        double base = 0;
        for (var e : cases.entrySet()) {
            long[] t = time(token, e.getValue(), warmup, iterations);
            double p50 = t[t.length / 2] / 1e6;
            double p99 = t[(int) Math.ceil(t.length * 0.99) - 1] / 1e6;
            if (base == 0) {
                base = p50;
            }
            out.append(String.format("| %s | %.2f | %.2f | %.1f× |%n", e.getKey(), p50, p99, p50 / base));
            flush();
        }
        explain();
        sqlLevel(iterations);
    }

    /** The libpq environment (PGHOST, PGPORT, ...) of the service's database, for pgbench and psql. */
    static Map<String, String> pgEnv() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        var m = java.util.regex.Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+)")
                .matcher(config.getValue("quarkus.datasource.jdbc.url", String.class));
        if (!m.find()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL");
        }
        return Map.of("PGHOST", m.group(1), "PGPORT", m.group(2), "PGDATABASE", m.group(3), "PGUSER",
                config.getValue("quarkus.datasource.username", String.class), "PGPASSWORD",
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** The same queries at SQL level with bind parameters (bench/inspection/sql-latency.sh, pgbench -M prepared). */
    void sqlLevel(int iterations) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", "../bench/inspection/sql-latency.sh",
                    String.valueOf(iterations)).redirectErrorStream(true);
            pb.environment().putAll(pgEnv());
            pb.environment().put("UNITS", COVERAGE_06);
            pb.environment().put("COLUMNS", RecommendationRows.COLUMNS);
            Process p = pb.start();
            String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            out.append("\nSQL level, bind parameters (bench/inspection/sql-latency.sh ").append(iterations)
                    .append("), ms:\n\n").append(text);
            flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is measured so far, so a run stopped midway keeps its lines. */
    void flush() {
        try {
            Files.writeString(Path.of(System.getProperty("qcdc.bench.out", "target/bench-results.md")), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    long[] time(String token, String path, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) {
            given().auth().oauth2(token).get(path).then().statusCode(200);
        }
        long[] t = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            given().auth().oauth2(token).get(path).then().statusCode(200);
            t[i] = System.nanoTime() - s;
        }
        Arrays.sort(t);
        return t;
    }

    /** The plans of the main list queries, as the service writes them (see RecommendationService.list). */
    void explain() {
        String units = "ANY('" + COVERAGE_06 + "'::text[])";
        List<String> queries = List.of(
                "SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE true AND r.unit_code = " + units
                        + " ORDER BY r.due_date, r.id LIMIT 51",
                "SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE true AND r.unit_code = " + units
                        + " AND r.status = 'IN_PROGRESS' AND (r.due_date < CURRENT_DATE AND r.status NOT IN"
                        + " ('VERIFIED', 'CANCELLED')) ORDER BY r.due_date, r.id LIMIT 51",
                "SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE true AND r.unit_code = " + units
                        + " AND r.addressee_types @> CAST(ARRAY['WOMENS_UNION'] AS text[]) AND r.due_date >="
                        + " DATE '2022-01-01' AND r.due_date <= DATE '2023-12-31' AND r.year_assessed = 2021"
                        + " ORDER BY r.due_date, r.id LIMIT 51",
                // the rare search term through the trigram index: the pages it reads for one row
                "SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE true AND r.unit_code = " + units
                        + " AND r.search_key LIKE '%so 77777%' ORDER BY r.due_date, r.id LIMIT 51",
                // and as the service sends it since V9: through the word index (RecommendationService.searching)
                "SELECT * FROM (SELECT " + RecommendationRows.COLUMNS + " FROM recommendation r WHERE true"
                        + " AND r.unit_code = " + units + " AND r.search_words @@ CAST('''77777'':*' AS tsquery)"
                        + " AND strpos(r.search_key, 'so 77777') > 0 OFFSET 0) r ORDER BY r.due_date, r.id LIMIT 51");
        out.append("\nQuery plans (EXPLAIN (ANALYZE, BUFFERS)):\n");
        for (String q : queries) {
            @SuppressWarnings("unchecked")
            List<Object> plan = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + q).getResultList());
            out.append("\n```\n").append(q).append("\n\n");
            plan.forEach(l -> out.append(l).append('\n'));
            out.append("```\n");
        }
        // The plan a server-side prepared statement gets once PostgreSQL switches it to a generic plan (without the
        // values): what the driver's statements ran after 5 executions before plan_cache_mode=force_custom_plan.
        String prepared = "PREPARE bench_generic (text[], text, date, date, int) AS"
                + " SELECT " + RecommendationRows.COLUMNS
                + " FROM recommendation r WHERE true AND r.unit_code = ANY($1)"
                + " AND r.addressee_types @> CAST(ARRAY[$2] AS text[]) AND r.due_date >= $3 AND r.due_date <= $4"
                + " AND r.year_assessed = $5 ORDER BY r.due_date, r.id LIMIT 51";
        @SuppressWarnings("unchecked")
        List<Object> plan = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL plan_cache_mode = force_generic_plan").executeUpdate();
            em.createNativeQuery(prepared).executeUpdate();
            List<Object> lines = em.createNativeQuery("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE bench_generic ('"
                    + COVERAGE_06 + "', 'WOMENS_UNION', '2022-01-01', '2023-12-31', 2021)")
                    .getResultList();
            em.createNativeQuery("DEALLOCATE bench_generic").executeUpdate();
            return lines;
        });
        out.append("\nThe same query as a generic plan (`plan_cache_mode = force_generic_plan`, bind parameters):\n")
                .append("\n```\n");
        plan.forEach(l -> out.append(l).append('\n'));
        out.append("```\n");
    }

    /** Rows [from, to) of recommendations, 5 per inspection, spread over 7 wards, statuses, addressees, dates. */
    void generate(int from, int to) {
        String unitArray = "ARRAY['" + String.join("','", UNITS) + "']";
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO delegation (id, name, name_key, committee_name, committee_level, committee_unit_code,"
                + " year, topics, members, created_at, created_by, updated_at, updated_by, version) VALUES"
                + " ('00000000-0000-0000-0000-0000000000b1', 'Bench', 'bench', 'Bench', 'PROVINCE', '06', 2020,"
                + " ARRAY['QCDC'], '[]', now(), 'bench', now(), 'bench', 0) ON CONFLICT DO NOTHING");
        sql.add("INSERT INTO inspection (id, delegation_id, unit_code, unit_name, steering_unit_code, search_key,"
                + " scheduled_date, year_assessed, topics, status, public_disclosure, created_at, created_by,"
                + " updated_at, updated_by, version)"
                + " SELECT md5('insp' || g)::uuid, '00000000-0000-0000-0000-0000000000b1', u, n, '06', n,"
                + " DATE '2020-01-01' + (g % 1800), 2020 + (g % 5), ARRAY['QCDC'], 'CONCLUDED', false, now(),"
                + " 'bench', now(), 'bench', 0 FROM (SELECT g, (" + unitArray + ")[1 + g % 7] AS u,"
                + " CASE WHEN g % 7 = 3 THEN 'Phường Xuất Hóa' ELSE 'Phường minh họa ' || (g % 7) END AS n"
                + " FROM generate_series(" + from / RECS_PER_INSPECTION + ", " + (to / RECS_PER_INSPECTION - 1)
                + ") g) s");
        sql.add("INSERT INTO recommendation (id, inspection_id, seq, content, search_key, unit_code, unit_name,"
                + " steering_unit_code, year_assessed, area, priority, due_date, original_due_date, status,"
                + " addressees, addressee_types, created_at, created_by, updated_at, updated_by, version)"
                + " SELECT md5('rec' || g)::uuid, i.id, 1 + g % 5, 'Kiến nghị số ' || g || ' về công khai',"
                + " 'kien nghi so ' || g || ' ve cong khai ' || CASE WHEN i.unit_name = 'Phường Xuất Hóa'"
                + " THEN 'phuong xuat hoa' ELSE 'phuong minh hoa' END, i.unit_code, i.unit_name, '06',"
                + " i.year_assessed, 'OTHER', 'NORMAL', DATE '2021-01-01' + CAST((CAST(g AS bigint) * 7919) % 2500 AS int),"
                + " DATE '2021-01-01' + CAST((CAST(g AS bigint) * 7919) % 2500 AS int),"
                + " (ARRAY['ISSUED','IN_PROGRESS','COMPLETION_REPORTED','VERIFIED','CANCELLED'])[1 + (g * 31) % 5],"
                + " CAST('[{\"bodyType\":\"' || t || '\",\"unitCode\":\"' || i.unit_code || '\",\"name\":\"x\"}]'"
                + " AS jsonb), ARRAY[t], TIMESTAMPTZ '2021-01-01' + g * INTERVAL '1 minute', 'bench', now(),"
                + " 'bench', 0 FROM (SELECT g, (ARRAY['GOVERNMENT','PARTY_COMMITTEE','WOMENS_UNION','YOUTH_UNION'])"
                + "[1 + g % 4] AS t FROM generate_series(" + from + ", " + (to - 1) + ") g) s"
                + " JOIN inspection i ON i.id = md5('insp' || (g / " + RECS_PER_INSPECTION + "))::uuid");
        for (String s : sql) {
            QuarkusTransaction.requiringNew().timeout(3600).run(() -> em.createNativeQuery(s).executeUpdate());
        }
        // The steady state of a table that autovacuum keeps: statistics, the visibility map, and the GIN indexes'
        // pending lists merged. Rows inserted in bulk sit in a GIN index's pending list (up to 4 MB, gin_pending_list_limit)
        // until a vacuum, and every search scans that list: ANALYZE alone left the trigram search at 10^6 rows paying
        // for it (16.7 ms against 7.3 ms once merged, same query, EXPLAIN ANALYZE).
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(true); // VACUUM cannot run inside a transaction block
            st.execute("VACUUM ANALYZE recommendation, inspection");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
