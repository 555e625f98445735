package vn.qcdc.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import vn.qcdc.infra.DevTokens;

/**
 * A steady write load on inspection-service as portals make it: client threads change deadlines (steering committee)
 * and report progress (the ward's People's Committee) on recommendations, each request to the next replica in turn.
 * What a load balancer does is done here too: a request the chosen replica does not answer (connection refused,
 * reset or timed out: it is dead or dying) or answers 502/503 is sent to the next one, with the same
 * {@code Idempotency-Key}, so a write whose first attempt was applied is not applied twice. Only a 2xx answer counts
 * as acknowledged, and every acknowledged write is remembered per recommendation for the checks afterwards.
 *
 * <p>
 * Each thread owns its own recommendations and writes them one request at a time, so the last acknowledged deadline
 * of a recommendation is its deadline.
 */
final class WriteLoad {

    /** The due dates the load moves recommendations between (the first is their original one). */
    static final List<LocalDate> DUE_DATES = List.of(LocalDate.parse("2021-03-31"), LocalDate.parse("2021-04-30"),
            LocalDate.parse("2021-05-31"));
    static final String UBND_USER = "ubnd-xuathoa";

    /** What was acknowledged for one recommendation. */
    static final class Acked {
        volatile LocalDate dueDate = DUE_DATES.get(0);
        volatile int progressReports;
        volatile int lastPercent = -1;
        volatile int deadlineChanges;
    }

    final Map<String, Acked> acked = new ConcurrentHashMap<>();
    final AtomicLong acknowledged = new AtomicLong();
    /** Attempts sent again to another replica: refused connections (nothing was sent) and unanswered requests. */
    final AtomicLong refusedRetries = new AtomicLong();
    final AtomicLong unansweredRetries = new AtomicLong();
    final AtomicLong unavailableRetries = new AtomicLong();
    /** Answers that are neither 2xx nor 502/503: each is a failure of the test. */
    final List<String> errors = new CopyOnWriteArrayList<>();

    private final List<String> recommendations;
    private final List<Integer> ports;
    private final int threadCount;
    private final String steering = DevTokens.token("steering", "06", null);
    private final String ubnd = DevTokens.token(DevTokens.TokenSpec.of("unit-officer", "01855", null)
            .withSubject(UBND_USER));
    private final AtomicLong nextPort = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile long startedAt;
    private volatile long stoppedAt;

    WriteLoad(List<String> recommendations, List<Integer> inspectionPorts, int threads) {
        this.recommendations = List.copyOf(recommendations);
        this.ports = List.copyOf(inspectionPorts);
        this.threadCount = threads;
        recommendations.forEach(r -> acked.put(r, new Acked()));
    }

    void start() {
        startedAt = System.nanoTime();
        for (int t = 0; t < threadCount; t++) {
            int index = t;
            Thread thread = new Thread(() -> run(index), "write-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops after the writes in progress (each finishes, retried until acknowledged or given up). */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(120_000);
        }
        stoppedAt = System.nanoTime();
    }

    /** Load whose figures are thrown away: the services' JIT compilers warm up. */
    void warmUp(Duration duration) throws InterruptedException {
        start();
        Thread.sleep(duration.toMillis());
        stop();
    }

    double seconds() {
        return ((stoppedAt == 0 ? System.nanoTime() : stoppedAt) - startedAt) / 1e9;
    }

    /** Acknowledged writes per second over the whole load. */
    double throughput() {
        return acknowledged.get() / seconds();
    }

    private void run(int index) {
        List<String> mine = new ArrayList<>();
        for (int i = index; i < recommendations.size(); i += threadCount) {
            mine.add(recommendations.get(i));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long n = index;
        while (!stopping) {
            for (String r : mine) {
                if (stopping) {
                    return;
                }
                n++;
                Acked a = acked.get(r);
                if (n % 2 == 0) {
                    LocalDate due = DUE_DATES.get((int) ((n / 2) % DUE_DATES.size()));
                    if (write(http, r, "deadline", steering, """
                            {"dueDate": "%s", "reason": "Điều chỉnh thời hạn lần %d (tải thử)"}""".formatted(due, n))) {
                        a.dueDate = due;
                        a.deadlineChanges++;
                    }
                } else {
                    int percent = (int) (n % 100);
                    if (write(http, r, "progress", ubnd, """
                            {"text": "Báo cáo tiến độ lần %d (tải thử)", "percent": %d}""".formatted(n, percent))) {
                        a.progressReports++;
                        a.lastPercent = percent;
                    }
                }
            }
        }
    }

    /** One logical write, retried on the other replicas until acknowledged; true if it was. */
    private boolean write(HttpClient http, String recommendation, String action, String token, String body) {
        String key = UUID.randomUUID().toString();
        long giveUpAt = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int first = (int) (nextPort.getAndIncrement() % ports.size());
        for (int attempt = 0;; attempt++) {
            int port = ports.get((first + attempt) % ports.size());
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/recommendations/" + recommendation + "/" + action))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    acknowledged.incrementAndGet();
                    return true;
                }
                if (status != 502 && status != 503) {
                    errors.add(action + " " + recommendation + " on " + port + ": " + status + " " + response.body());
                    return false;
                }
                unavailableRetries.incrementAndGet();
            } catch (ConnectException e) {
                refusedRetries.incrementAndGet(); // nothing was sent: a load balancer tries the next replica
            } catch (IOException e) {
                unansweredRetries.incrementAndGet(); // maybe applied: the same key makes the retry safe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add(action + " " + recommendation + ": interrupted");
                return false;
            }
            if (System.nanoTime() > giveUpAt) {
                errors.add(action + " " + recommendation + ": no replica acknowledged it within 90 s");
                return false;
            }
            if ((attempt + 1) % ports.size() == 0) {
                sleep(200); // every replica refused: wait a little before the next round
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "%d writes acknowledged in %.1f s (%.1f/s) by %d threads on %d replicas; retried on another replica: "
                        + "%d refused, %d unanswered, %d 502/503; %d errors",
                acknowledged.get(), seconds(), throughput(), threadCount, ports.size(), refusedRetries.get(),
                unansweredRetries.get(), unavailableRetries.get(), errors.size());
    }
}
