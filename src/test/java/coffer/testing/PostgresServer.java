package coffer.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server to create databases on: the one {@code DB_URL} (with {@code DB_USER} and
 * {@code DB_PASSWORD}) names, or else a real PostgreSQL 15 started from the zonky binaries. One per
 * JVM for tests; the run command starts its own on a data directory that is kept.
 */
public final class PostgresServer {

    private static PostgresServer forTests;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final EmbeddedPostgres embedded;
    private final Path dataDirectory;

    private PostgresServer(
            String adminUrl,
            String user,
            String password,
            EmbeddedPostgres embedded,
            Path dataDirectory) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
    }

    /**
     * How {@link #stop(Shutdown)} stops the server: the postmaster's own shutdown signals, the ones
     * {@code pg_ctl stop -m fast|immediate} sends (pg_ctl itself refuses to run as root).
     */
    public enum Shutdown {
        /** Sessions are terminated (57P01), open transactions rolled back, a checkpoint taken. */
        FAST("INT"),
        /** A crash: every process killed at once; the next start recovers from the WAL. */
        IMMEDIATE("QUIT");

        private final String signal;

        Shutdown(String signal) {
            this.signal = signal;
        }
    }

    /**
     * The server tests share: external when {@code DB_URL} is set, embedded otherwise. The embedded
     * one runs as zonky configures it for tests, without fsync: its data is thrown away.
     */
    public static synchronized PostgresServer forTests() {
        if (forTests == null) {
            String external = System.getenv("DB_URL");
            forTests =
                    external != null && !external.isBlank()
                            ? new PostgresServer(
                                    external,
                                    env("DB_USER", "coffer"),
                                    env("DB_PASSWORD", "coffer"),
                                    null,
                                    null)
                            : start(EmbeddedPostgres.builder(), null);
        }
        return forTests;
    }

    /**
     * Starts an embedded server on a data directory that is kept between runs, durable as a real
     * installation is: fsync and synchronous commit on.
     */
    public static PostgresServer durable(Path dataDirectory, int port) {
        return start(
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", "on"),
                dataDirectory);
    }

    /**
     * Starts an embedded server for a benchmark on a fresh data directory, with fsync on and
     * synchronous commit as asked: on is what a balance service needs (an acknowledged change
     * survives a crash), off shows what the database could do without waiting for the disk.
     */
    public static PostgresServer benchmark(Path dataDirectory, String synchronousCommit) {
        return start(
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "on")
                        .setServerConfig("synchronous_commit", synchronousCommit)
                        .setServerConfig("shared_buffers", "256MB"),
                dataDirectory);
    }

    private static PostgresServer start(EmbeddedPostgres.Builder builder, Path dataDirectory) {
        try {
            EmbeddedPostgres postgres =
                    builder.setServerConfig("max_connections", "300")
                            .setServerConfig("listen_addresses", "127.0.0.1")
                            .start();
            return new PostgresServer(
                    "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                    "postgres",
                    "postgres",
                    postgres,
                    dataDirectory);
        } catch (IOException failed) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", failed);
        }
    }

    /** A new, empty database whose name starts with the prefix. */
    public Database freshDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        return createIfMissing(name);
    }

    /** The database of that name, created if it does not exist yet. */
    public Database createIfMissing(String name) {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = admin.createStatement()) {
            var exists =
                    statement.executeQuery(
                            "SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException failed) {
            throw new IllegalStateException(
                    "Cannot create database "
                            + name
                            + " on "
                            + adminUrl
                            + " (the test user needs CREATEDB)",
                    failed);
        }
        return new Database(urlOf(name), user, password);
    }

    public void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // The process is gone either way; nothing to recover.
            }
        }
    }

    /**
     * Stops a {@link #durable} server as its operator would, by signalling its postmaster, and
     * waits until it is gone; {@link #durable} on the same directory and port starts it again.
     */
    public void stop(Shutdown mode) {
        if (dataDirectory == null) {
            throw new IllegalStateException("Only a durable server is stopped by mode");
        }
        try {
            long pid = postmasterOf(dataDirectory);
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            Process signal =
                    new ProcessBuilder("kill", "-" + mode.signal, Long.toString(pid))
                            .redirectErrorStream(true)
                            .start();
            if (signal.waitFor() != 0) {
                throw new IllegalStateException(
                        "kill -"
                                + mode.signal
                                + " "
                                + pid
                                + " failed: "
                                + new String(signal.getInputStream().readAllBytes()));
            }
            postmaster.onExit().get(60, TimeUnit.SECONDS);
            // Releases zonky's lock on the directory (its own stop finds nothing left to stop).
            stop();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        } catch (ExecutionException | TimeoutException notGone) {
            throw new IllegalStateException("PostgreSQL did not stop", notGone);
        }
    }

    /**
     * The CPU time the server has used so far, its postmaster and backends together ({@link
     * PayaraMicroProcess#cpuSecondsOfTree}); for a server started on a data directory.
     */
    public double cpuSeconds() {
        if (dataDirectory == null) {
            throw new IllegalStateException("Only a server on a known data directory is measured");
        }
        return PayaraMicroProcess.cpuSecondsOfTree(postmasterOf(dataDirectory));
    }

    /** The process id of the postmaster running on a data directory, from its postmaster.pid. */
    static long postmasterOf(Path dataDirectory) {
        try {
            return Long.parseLong(
                    Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** The same server's URL with another database name. */
    private String urlOf(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String parameters = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
