package vn.qcdc.notification.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.infra.DevTokens;
import vn.qcdc.testsupport.Timings;
import vn.qcdc.testsupport.Tokens;

/**
 * Latency of {@code GET /api/v1/inbox} (which answers with the caller's unread count) for a user with 100,000 inbox
 * entries, 80,000 of them unread, against the real PostgreSQL and HTTP stack. Beside it: a baseline (an authenticated
 * read that touches no database), and the unread count itself both ways in SQL: counting the user's unread entries
 * (the partial index of V4_2, what the endpoint did before) and reading the kept count ({@code inbox_unread}). Off by
 * default; run with {@code bench/notification/unread.sh}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class InboxUnreadBenchmark {

    static final String USER = "bench-inbox-heavy";

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String token = Tokens.of(DevTokens.TokenSpec.of("steering", "01855", null).withSubject(USER));

    @Test
    void unreadCountAt100kItems() throws Exception {
        int items = Integer.getInteger("qcdc.bench.items", 100_000);
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(OffsetDateTime.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ").append(System.getProperty("java.version")).append(", load average before: ")
                .append(Timings.loadAverage()).append("\n\n");
        long t0 = System.nanoTime();
        fill(items);
        System.out.printf("[bench] %,d inbox items in place (%d s)%n", items, (System.nanoTime() - t0) / 1_000_000_000);
        out.append(String.format(Locale.ROOT, "%,d inbox entries of one user, %,d unread%n%n", items,
                items * 4 / 5));
        out.append("| request | n | p50 ms | p99 ms | p50 / baseline p50 | p99 / baseline p99 |\n");
        out.append("|---|---|---|---|---|---|\n");
        int n = 300;
        double[] baseline = http("/api/v1/units/01855", n);
        row(out, "baseline GET /api/v1/units/01855", n, baseline, baseline);
        row(out, "GET /api/v1/inbox?limit=20", n, http("/api/v1/inbox?limit=20", n), baseline);
        row(out, "GET /api/v1/inbox?unread=true&limit=20", n, http("/api/v1/inbox?unread=true&limit=20", n),
                baseline);
        double[] counted = sql("SELECT count(*) FROM inbox_item WHERE user_subject = ? AND read_at IS NULL", n);
        double[] kept = sql("SELECT COALESCE((SELECT n FROM inbox_unread WHERE user_subject = ?), 0)", n);
        row(out, "SQL: count the unread entries (before: partial index of V4_2)", n, counted, kept);
        row(out, "SQL: read the kept count (inbox_unread), the reference of the two SQL rows", n, kept, kept);
        out.append("\nLoad average after: ").append(Timings.loadAverage()).append('\n');
        System.out.println(out);
        String file = System.getProperty("qcdc.bench.out");
        if (file != null) {
            Files.writeString(Path.of(file), out.toString());
        }
    }

    private void fill(int items) throws SQLException {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("DELETE FROM inbox_item WHERE user_subject = ?1").setParameter(1, USER)
                    .executeUpdate();
            em.createNativeQuery("DELETE FROM delivery WHERE recipient = ?1").setParameter(1, USER).executeUpdate();
        });
        int chunk = 20_000;
        for (int start = 1; start <= items; start += chunk) {
            int from = start;
            int to = Math.min(items, start + chunk - 1);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                    WITH d AS (
                        INSERT INTO delivery (id, source, source_kind, unit_code, channel, recipient, language,
                            subject, body, payload, status, attempts, next_attempt_at, sent_at, created_at,
                            updated_at, version)
                        SELECT gen_random_uuid(), 'bench:' || g, 'MODEL_PROPOSED', '01855', 'INBOX', ?1, 'vi',
                            'Thông báo', 'Nội dung thông báo', jsonb_build_object(), 'SENT', 1, now(), now(), now(),
                            now(), 0
                        FROM generate_series(?2, ?3) AS g
                        RETURNING id, source)
                    INSERT INTO inbox_item (id, delivery_id, user_subject, kind, title, body, unit_code, created_at,
                        read_at)
                    SELECT gen_random_uuid(), d.id, ?1, 'MODEL_PROPOSED', 'Thông báo', 'Nội dung thông báo', '01855',
                        now() - make_interval(secs => substr(d.source, 7)::int),
                        CASE WHEN substr(d.source, 7)::int % 5 = 0 THEN now() END
                    FROM d
                    """).setParameter(1, USER).setParameter(2, from).setParameter(3, to).executeUpdate());
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("VACUUM ANALYZE inbox_item");
            st.execute("VACUUM ANALYZE inbox_unread");
        }
    }

    private double[] http(String path, int n) throws Exception {
        return Timings.get(http, URI.create(base.toString().replaceAll("/$", "") + path), token, n);
    }

    private double[] sql(String query, int n) throws Exception {
        long unread = 80_000L * Integer.getInteger("qcdc.bench.items", 100_000) / 100_000;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, USER);
            return Timings.millis(n, () -> {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(unread, rs.getLong(1));
                }
            });
        }
    }

    private static void row(StringBuilder out, String what, int n, double[] s, double[] base) {
        out.append("| ").append(what).append(' ').append(Timings.cells(n, s, base)).append('\n');
    }
}
