package vn.qcdc.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL keeps its data across a stop and a start on the same directory. */
class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesRestart() throws Exception {
        int port;
        try (LocalPostgres pg = LocalPostgres.start(dir, 0)) {
            port = pg.port();
            pg.ensureDatabase("inspection");
            pg.ensureDatabase("inspection"); // idempotent
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("inspection"), pg.username(), pg.password());
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE visit (id int PRIMARY KEY, unit text NOT NULL)");
                s.execute("INSERT INTO visit VALUES (1, '06')");
            }
        }
        assertTrue(FreePorts.isFree(port), "the server released its port on close");

        try (LocalPostgres pg = LocalPostgres.start(dir, port)) {
            assertEquals(port, pg.port());
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("inspection"), pg.username(), pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT unit FROM visit WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("06", rs.getString(1));
            }
        }
        assertTrue(Files.size(dir.resolve("postgres.log")) > 0, "server output goes to the log file");
    }

    @Test
    void aKilledServerStartsAgainOnTheSamePortWithItsData() throws Exception {
        try (LocalPostgres pg = LocalPostgres.start(dir, 0)) {
            pg.ensureDatabase("notification");
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("notification"), pg.username(),
                    pg.password()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE inbox (id int PRIMARY KEY)");
                s.execute("INSERT INTO inbox VALUES (7)");
            }
            long pid = pg.pid().orElseThrow();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // kill -9 of the postmaster
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            while (pg.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(pg.isRunning());

            // Its backends notice the death by themselves; until they are gone the new server may refuse to start,
            // which is why callers retry (the launcher with a backoff).
            RuntimeException last = null;
            while (System.nanoTime() < deadline + java.time.Duration.ofSeconds(30).toNanos()) {
                try {
                    pg.restart();
                    last = null;
                    break;
                } catch (RuntimeException e) {
                    last = e;
                    Thread.sleep(1000);
                }
            }
            if (last != null) {
                throw last;
            }
            assertTrue(pg.isRunning());
            assertNotEquals(pid, pg.pid().orElseThrow());
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("notification"), pg.username(),
                    pg.password());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM inbox")) {
                assertTrue(rs.next());
                assertEquals(7, rs.getInt(1));
            }
        }
        assertFalse(Files.exists(dir.resolve("pgdata/postmaster.pid")), "stopped on close");
    }
}
