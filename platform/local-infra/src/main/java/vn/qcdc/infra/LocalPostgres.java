package vn.qcdc.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * A real PostgreSQL server (the official binaries packaged by zonky) whose data lives in a directory of our choice and
 * survives restarts.
 *
 * <p>
 * Why this and not Docker or H2: build and test machines have no Docker engine, and the services use PostgreSQL
 * features (SKIP LOCKED, JSONB, Flyway migrations) that only a real PostgreSQL proves.
 *
 * <p>
 * Layout of {@code dataDir}: {@code pgdata/} is the cluster (PGDATA), {@code postgres.log} collects the output of
 * initdb, pg_ctl and the server, so nothing is printed on the console.
 *
 * <p>
 * Root: PostgreSQL refuses to run as root. zonky 2.1.1 detects root and, when {@code unshare -U id -u} works, prefixes
 * initdb/pg_ctl/postgres with {@code unshare -U}: inside the new user namespace the process is the unmapped
 * "nobody" uid, files owned by root look owned by that same uid, so PostgreSQL's owner checks pass while the kernel
 * still grants the real root access. Where user namespaces are disabled this cannot work and {@link #start} says so.
 */
public final class LocalPostgres implements AutoCloseable {

    /** Superuser created by initdb; the cluster trusts local connections, so the password is never checked. */
    private static final String SUPERUSER = "postgres";
    private static final String PASSWORD = "postgres";
    private static final Pattern SAFE_DB_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres; // replaced by restart(); guarded by this
    private ProcessHandle postmaster; // guarded by this
    private volatile boolean closed;

    private LocalPostgres(Path dataDir, int port, EmbeddedPostgres postgres) {
        this.dataDir = dataDir;
        this.port = port;
        this.postgres = postgres;
        this.postmaster = postmaster(dataDir.resolve("pgdata")).orElse(null);
    }

    /**
     * Starts PostgreSQL on {@code port} (0 picks a free one), creating the cluster under {@code dataDir} on the first
     * start and reusing it afterwards.
     */
    public static LocalPostgres start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            checkRootCanRunPostgres();
            stopLeftoverServer(dir.resolve("pgdata"));
            int chosenPort = port == 0 ? FreePorts.find() : port;
            return new LocalPostgres(dir, chosenPort, launch(dir, chosenPort));
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dir + "; see " + dir.resolve(
                    "postgres.log"), e);
        }
    }

    private static EmbeddedPostgres launch(Path dir, int port) {
        Path log = dir.resolve("postgres.log");
        if (!FreePorts.isFree(port)) {
            throw new IllegalStateException("Port " + port + " is already in use, so PostgreSQL cannot "
                    + "listen on it. Stop what uses it or choose another port.");
        }
        try {
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binariesDirectory().toFile())
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Loopback only (PostgreSQL's own default, made explicit): the cluster trusts local connections.
                    .setServerConfig("listen_addresses", "localhost")
                    // The data is meant to survive a crash of the launcher, so keep commits durable
                    // (zonky's default turns synchronous_commit off for speed).
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "200")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dir + "; see " + log, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("PostgreSQL did not start in " + dir + " (" + e.getMessage() + "); see "
                    + log, e);
        }
    }

    /** How a fault test stops the server: PostgreSQL's fast (SIGINT) or immediate (SIGQUIT, crash-like) shutdown. */
    public enum StopMode {
        FAST("INT"), IMMEDIATE("QUIT");

        final String signal;

        StopMode(String signal) {
            this.signal = signal;
        }
    }

    /**
     * Stops the server the way an outage would (fast: clients are disconnected; immediate: no checkpoint, crash
     * recovery on the next start) and waits until it is gone. {@link #restart()} brings it back on the same port and
     * data.
     */
    public void stop(StopMode mode) {
        ProcessHandle p;
        synchronized (this) {
            p = postmaster;
        }
        if (p == null || !p.isAlive()) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        try {
            new ProcessBuilder("kill", "-" + mode.signal, Long.toString(p.pid())).inheritIO().start().waitFor();
            p.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
        }
    }

    /** Whether the server process (the postmaster) is alive; false once it crashed or was killed. */
    public synchronized boolean isRunning() {
        return !closed && postmaster != null && postmaster.isAlive();
    }

    /** Pid of the server process, for operators and tests that simulate a crash. */
    public synchronized Optional<Long> pid() {
        return Optional.ofNullable(postmaster).map(ProcessHandle::pid);
    }

    /**
     * Starts the server again on the same port and data directory after it died (a crash, kill -9): PostgreSQL
     * recovers from its write-ahead log. Does nothing if it runs. Throws if it cannot start yet, e.g. while backends
     * of the dead server still hold its shared memory; the caller retries.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("LocalPostgres was closed");
        }
        if (isRunning()) {
            return;
        }
        try {
            // Releases zonky's lock on the data directory; its "stop" of the dead server fails harmlessly.
            postgres.close();
        } catch (IOException | RuntimeException e) {
            // the server is gone already
        }
        postgres = launch(dataDir, port);
        postmaster = postmaster(dataDir.resolve("pgdata")).orElse(null);
    }

    /** JDBC URL of {@code database} on this server (user and password are passed separately). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    /** Any password works (local trust authentication); a fixed one keeps configurations that require it happy. */
    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    /** The directory given to {@link #start}; the cluster is in {@code pgdata/}, the log in {@code postgres.log}. */
    public Path dataDir() {
        return dataDir;
    }

    /** Creates {@code name} if it does not exist yet; each service owns its own database. */
    public void ensureDatabase(String name) {
        if (!SAFE_DB_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), username(), password())) {
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return; // created concurrently by someone else: fine
            }
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server cleanly (pg_ctl stop, fast mode). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }

    /**
     * zonky extracts the binaries into a working directory shared by default by all users of the machine; a
     * directory per user avoids a non-root user failing on files root extracted earlier.
     */
    private static Path binariesDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg-" + user);
    }

    private static void checkRootCanRunPostgres() {
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0 && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("Running as root, but 'unshare -U' (user namespaces) is not available, "
                    + "and PostgreSQL refuses to run as root. Run as a normal user, or allow user namespaces "
                    + "(sysctl user.max_user_namespaces > 0).");
        }
    }

    /**
     * If a previous launcher was killed without its shutdown hook (kill -9, power loss of the terminal), its
     * postmaster may still hold the data directory; stop it rather than failing with "lock file already exists".
     */
    private static Optional<ProcessHandle> postmaster(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void stopLeftoverServer(Path pgData) {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover;
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            leftover = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> new File(c).getName().equals("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return; // unreadable or stale file: PostgreSQL itself handles a stale pid file
        }
        leftover.ifPresent(p -> {
            System.err.println("[local-infra] stopping a PostgreSQL left running on " + pgData + " (pid " + p.pid()
                    + ")");
            p.destroy(); // SIGTERM = smart shutdown; its clients died with the old launcher
            try {
                p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    @Override
    public String toString() {
        return "LocalPostgres[port=" + port() + ", dataDir=" + dataDir + "]";
    }
}
