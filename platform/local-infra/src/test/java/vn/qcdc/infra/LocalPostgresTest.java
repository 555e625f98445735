package vn.qcdc.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
