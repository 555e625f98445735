package vn.qcdc.backbone.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import vn.qcdc.backbone.EventsConfig;
import vn.qcdc.backbone.KafkaClients;

/**
 * Readiness and outbox figures that answer at once whatever is down. A background thread probes the database and the
 * broker every {@value #PERIOD_MS} ms, each probe time-boxed, and reads the outbox's state from the table (pending
 * rows, the age of the oldest, parked rows); the health checks and the gauges only read what it found. A probe that
 * has not succeeded recently reports DOWN, so a hung probe cannot hide an outage either.
 */
@ApplicationScoped
public class BackboneHealth {

    private static final Logger LOG = Logger.getLogger(BackboneHealth.class);
    static final long PERIOD_MS = 2_000;
    /** A dependency counts as up if a probe succeeded this recently. */
    static final long FRESH_MS = 3 * PERIOD_MS;
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1_500);

    @Inject
    EntityManager em;

    @Inject
    KafkaClients kafka;

    @Inject
    EventsConfig config;

    @Inject
    MeterRegistry registry;

    private ScheduledExecutorService probes;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeSeconds = new AtomicLong();
    private final AtomicLong parkedCount = new AtomicLong();
    private volatile List<String> parked = List.of();
    private volatile long databaseOkAt;
    private volatile long brokerOkAt;
    private volatile String databaseError = "not checked yet";
    private volatile String brokerError = "not checked yet";

    void start(@Observes StartupEvent ev) {
        Gauge.builder("qcdc.outbox.pending", pending, AtomicLong::get)
                .description("Outbox events not yet published (read from the table)").register(registry);
        Gauge.builder("qcdc.outbox.oldest.pending.age.seconds", oldestPendingAgeSeconds, AtomicLong::get)
                .description("Age of the oldest outbox event not yet published").register(registry);
        Gauge.builder("qcdc.outbox.parked", parkedCount, AtomicLong::get)
                .description("Outbox events parked after the broker kept refusing them").register(registry);
        probes = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "readiness-probe");
            t.setDaemon(true);
            return t;
        });
        // Two independent loops, so a hung database probe does not stop the broker probe or the other way round.
        probes.scheduleWithFixedDelay(this::probeDatabase, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        probes.scheduleWithFixedDelay(this::probeBroker, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (probes != null) {
            probes.shutdownNow();
        }
    }

    void probeDatabase() {
        try {
            QuarkusTransaction.requiringNew().timeout(5).run(() -> {
                em.createNativeQuery("SET LOCAL statement_timeout = " + PROBE_TIMEOUT.toMillis()).executeUpdate();
                Object[] row = (Object[]) em.createNativeQuery("SELECT count(*),"
                        + " COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                        + " FROM outbox_event WHERE parked_at IS NULL").getSingleResult();
                pending.set(((Number) row[0]).longValue());
                oldestPendingAgeSeconds.set(((Number) row[1]).longValue());
                @SuppressWarnings("unchecked")
                List<Object[]> rows = em.createNativeQuery("SELECT seq, type, record_key, last_error FROM outbox_event"
                        + " WHERE parked_at IS NOT NULL ORDER BY seq LIMIT 5").getResultList();
                long count = rows.size() < 5
                        ? rows.size()
                        : ((Number) em.createNativeQuery("SELECT count(*) FROM outbox_event"
                                + " WHERE parked_at IS NOT NULL").getSingleResult()).longValue();
                List<String> names = new ArrayList<>();
                for (Object[] r : rows) {
                    names.add("#" + r[0] + " " + r[1] + " (key " + r[2] + "): " + r[3]);
                }
                parkedCount.set(count);
                parked = List.copyOf(names);
            });
            databaseOkAt = System.currentTimeMillis();
            databaseError = null;
        } catch (RuntimeException e) {
            databaseError = rootMessage(e);
        }
    }

    void probeBroker() {
        if (!config.enabled()) {
            brokerOkAt = System.currentTimeMillis();
            return;
        }
        try {
            kafka.admin().describeCluster().nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            brokerOkAt = System.currentTimeMillis();
            brokerError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String error = rootMessage(e);
            if (brokerError == null) {
                LOG.warnf("Kafka broker not reachable: %s", error);
            }
            brokerError = error;
        }
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck database() {
        return () -> up("database", databaseOkAt, databaseError).build();
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck broker() {
        return () -> up("kafka", brokerOkAt, brokerError).build();
    }

    /**
     * The outbox: always UP (a parked event must not take the service out of rotation), with the figures an operator
     * needs, naming the parked events.
     */
    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck outbox() {
        return () -> {
            HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox").up().withData("pending", pending.get())
                    .withData("oldestPendingAgeSeconds", oldestPendingAgeSeconds.get())
                    .withData("parked", parkedCount.get());
            List<String> p = parked;
            for (int i = 0; i < p.size(); i++) {
                b.withData("parked." + (i + 1), p.get(i));
            }
            return b.build();
        };
    }

    private static HealthCheckResponseBuilder up(String name, long okAt, String error) {
        long age = System.currentTimeMillis() - okAt;
        HealthCheckResponseBuilder b = HealthCheckResponse.named(name);
        if (okAt > 0 && age <= FRESH_MS) {
            return b.up();
        }
        b.down().withData("lastSuccessMsAgo", okAt == 0 ? -1 : age);
        return error == null ? b : b.withData("error", error);
    }

    private static String rootMessage(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }
}
