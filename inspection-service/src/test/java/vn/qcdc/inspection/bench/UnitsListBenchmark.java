package vn.qcdc.inspection.bench;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.api.units.UnitDirectory;
import vn.qcdc.testsupport.Tokens;
import vn.qcdc.units.AdministrativeUnits;

/**
 * Benchmark of {@code GET /api/v1/units} over the official data (14,149 unit versions): searches without diacritics,
 * filters and cursor pages, over the real HTTP stack with a JWT, one client and then four concurrent clients. Also
 * measures the heap the loaded units and their search keys take. Off by default; run with {@code bench/units/run.sh}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class UnitsListBenchmark {

    static final List<String> REQUESTS = List.of("q=" + enc("xuat hoa"), "q=" + enc("Phường") + "&date=2026-01-01",
            "q=zzzz", "level=COMMUNE&date=2025-07-01&limit=200", "parent=19&date=2026-01-01&limit=200",
            "type=SPECIAL_ZONE", "q=" + enc("bắc kạn") + "&level=COMMUNE&limit=200");

    @TestHTTPResource("/")
    URL base;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String token = Tokens.viewer("19");

    @Test
    void unitsListLatency() throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(OffsetDateTime.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", load average before: ")
                .append(loadAverage()).append("\n\n");
        out.append(footprint()).append("\n\n");
        out.append("| request (`GET /api/v1/units?…`) | clients | n | median ms | p99 ms | max ms |\n");
        out.append("|---|---|---|---|---|---|\n");
        String deep = deepCursor();
        List<String> all = new ArrayList<>(REQUESTS);
        all.add("level=COMMUNE&limit=50&cursor=" + deep);
        // Every request warmed up first, so that the first one measured does not pay for compiling the shared path.
        for (int i = 0; i < 500; i++) {
            for (String q : all) {
                get("/api/v1/units?" + q);
            }
        }
        for (String q : all) {
            double[] s = measure(q, 2_000, 1);
            row(out, q, 1, s);
        }
        for (String q : List.of(REQUESTS.get(0), REQUESTS.get(2), REQUESTS.get(3))) {
            double[] s = measure(q, 2_000, 4);
            row(out, q, 4, s);
        }
        out.append("\nLoad average after: ").append(loadAverage()).append("\n\nCommand: `bench/units/run.sh`\n");
        Path file = Path.of(System.getProperty("qcdc.bench.out", "target/units-bench.md"));
        Files.writeString(file, out.toString());
        System.out.println("[bench]\n" + out);
    }

    /** Heap taken by a fresh copy of the units and of the search keys, after full collections. */
    private static String footprint() {
        Runtime rt = Runtime.getRuntime();
        long before = used(rt);
        AdministrativeUnits units = AdministrativeUnits.readBuiltIn();
        long afterUnits = used(rt);
        UnitDirectory directory = new UnitDirectory(units);
        long afterDirectory = used(rt);
        String line = String.format("Heap: %.1f MB for the %,d unit versions with their successor rows, %.1f MB more"
                + " for the search keys (a fresh copy, measured as used heap after System.gc()).",
                (afterUnits - before) / 1e6, units.size(), (afterDirectory - afterUnits) / 1e6);
        if (directory.page(new UnitDirectory.Filter(null, null, null, null, null), null, null, 1).isEmpty()) {
            throw new IllegalStateException("empty");
        }
        return line;
    }

    private static long used(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private String deepCursor() throws Exception {
        String cursor = null;
        for (int i = 0; i < 40; i++) {
            String body = get("/api/v1/units?level=COMMUNE&limit=200" + (cursor == null ? "" : "&cursor=" + cursor));
            int at = body.indexOf("\"nextCursor\":\"");
            cursor = body.substring(at + 14, body.indexOf('"', at + 14));
        }
        return cursor;
    }

    private double[] measure(String query, int n, int clients) throws Exception {
        String path = "/api/v1/units?" + query;
        for (int i = 0; i < 300; i++) {
            get(path);
        }
        double[] s = new double[n];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            int per = n / clients;
            for (int c = 0; c < clients; c++) {
                int from = c * per;
                done.add(pool.submit(() -> {
                    for (int i = from; i < from + per; i++) {
                        long t0 = System.nanoTime();
                        get(path);
                        s[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Arrays.sort(s);
        return s;
    }

    private String get(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void row(StringBuilder out, String q, int clients, double[] s) {
        String shown = q.length() > 70 ? q.substring(0, q.indexOf("cursor=") + 7) + "…(page 41)" : q;
        out.append(String.format("| `%s` | %d | %d | %.2f | %.2f | %.2f |%n", shown, clients, s.length, pct(s, 0.5),
                pct(s, 0.99), s[s.length - 1]));
    }
}
