package vn.qcdc.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The latency measurement of the (normally disabled) benchmark tests, written once: a warm-up, then n timed calls
 * one after another, sorted; percentiles; the table cells of one measured line beside its baseline; the load
 * average the results record.
 */
public final class Timings {

    /** One call to time. */
    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    private Timings() {
    }

    /** Runs max(20, n / 10) warm-up calls, then times n calls; their durations in milliseconds, sorted. */
    public static double[] millis(int n, Call call) throws Exception {
        for (int i = 0; i < Math.max(20, n / 10); i++) {
            call.run();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** {@link #millis} of an authenticated GET, each answer checked to be 200. */
    public static double[] get(HttpClient http, URI uri, String token, int n) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).GET().build();
        return millis(n, () -> {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + new String(r.body()));
            }
        });
    }

    /** The p-quantile (0..1) of sorted values, nearest rank. */
    public static double percentile(double[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** Table cells {@code | n | p50 | p99 | p50 / baseline p50 | p99 / baseline p99 |} of one measured line. */
    public static String cells(int n, double[] sorted, double[] baseline) {
        return String.format(Locale.ROOT, "| %d | %.2f | %.2f | %.1f× | %.1f× |", n, percentile(sorted, 0.5),
                percentile(sorted, 0.99), percentile(sorted, 0.5) / percentile(baseline, 0.5),
                percentile(sorted, 0.99) / percentile(baseline, 0.99));
    }

    /** This machine's load average line ({@code /proc/loadavg}), or "unknown". */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
