package coffer.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Citus cluster on loopback for system tests: a coordinator and workers, each Debian's PostgreSQL
 * 15 with the Citus extension preloaded (installed as {@code .ci/run} does; the embedded PostgreSQL
 * of the other tests cannot load it), in one database where the coordinator knows its workers.
 * Coffer is pointed at the coordinator and lays its tables out itself. Run as root, the server
 * binaries run as the {@code postgres} user (initdb and pg_ctl refuse root).
 */
public final class CitusCluster implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final Path EXTENSION = Path.of("/usr/lib/postgresql/15/lib/citus.so");
    private static final String DATABASE = "coffer";
    private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

    private final Path directory;
    private final int coordinator;
    private final List<Integer> workers;

    private CitusCluster(Path directory, int coordinator, List<Integer> workers) {
        this.directory = directory;
        this.coordinator = coordinator;
        this.workers = workers;
    }

    /** Why no cluster can be started here, or null when one can. */
    public static String whyNotInstalled() {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            return "PostgreSQL 15's server binaries are not installed (" + BIN + ")";
        }
        if (!Files.exists(EXTENSION)) {
            return "the Citus extension is not installed ("
                    + EXTENSION
                    + "); .ci/run installs it from the shared tarball";
        }
        return null;
    }

    /**
     * Starts a coordinator on the first port and a worker on each other, and joins them; without
     * fsync, as a test's data is thrown away.
     */
    public static CitusCluster start(int coordinator, int... workers) throws Exception {
        return start(false, coordinator, workers);
    }

    /** The same with fsync on, as durable as a benchmark's plain PostgreSQL. */
    public static CitusCluster durable(int coordinator, int... workers) throws Exception {
        return start(true, coordinator, workers);
    }

    private static CitusCluster start(boolean fsync, int coordinator, int... workers)
            throws Exception {
        Path directory = Files.createTempDirectory("coffer-citus");
        List<Integer> workerPorts = new ArrayList<>();
        for (int port : workers) {
            workerPorts.add(port);
        }
        CitusCluster cluster = new CitusCluster(directory, coordinator, workerPorts);
        if (AS_ROOT) {
            run(List.of("chown", "postgres", directory.toString()));
        }
        List<Integer> all = new ArrayList<>(workerPorts);
        all.add(0, coordinator);
        for (int port : all) {
            Path data = cluster.data(port);
            asServerUser(
                    BIN.resolve("initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    "postgres",
                    "--auth=trust");
            Files.writeString(
                    data.resolve("postgresql.conf"),
                    """
                    shared_preload_libraries = 'citus'
                    listen_addresses = '127.0.0.1'
                    max_connections = 300
                    max_prepared_transactions = 300
                    """
                            + "fsync = "
                            + (fsync ? "on" : "off")
                            + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            cluster.startNode(port);
            try (Connection admin = connect(port, "postgres");
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            try (Connection node = connect(port, DATABASE);
                    Statement statement = node.createStatement()) {
                statement.execute("CREATE EXTENSION citus");
            }
        }
        try (Connection node = connect(coordinator, DATABASE);
                Statement statement = node.createStatement()) {
            statement.execute(
                    "SELECT citus_set_coordinator_host('127.0.0.1', " + coordinator + ")");
            for (int port : workerPorts) {
                statement.execute("SELECT citus_add_node('127.0.0.1', " + port + ")");
            }
        }
        return cluster;
    }

    /** The database on the coordinator, where Coffer connects. */
    public Database database() {
        return new Database(url(coordinator, DATABASE), "postgres", "citus-trusts-loopback");
    }

    public List<Integer> workers() {
        return workers;
    }

    /** The port of the worker that holds the user's row. */
    public int workerOf(long userId) {
        return (int)
                database()
                        .queryLong(
                                """
                SELECT n.nodeport FROM pg_dist_placement p
                JOIN pg_dist_node n ON n.groupid = p.groupid
                WHERE p.shardid = get_shard_id_for_distribution_column('users', ?)""",
                                userId);
    }

    /** The CPU time one node has used so far, its postmaster and backends together. */
    public double cpuSeconds(int port) {
        return PayaraMicroProcess.cpuSecondsOfTree(PostgresServer.postmasterOf(data(port)));
    }

    /** A fast shutdown of one node: sessions ended, open transactions rolled back. */
    public void stopNode(int port) throws Exception {
        asServerUser(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data(port).toString(),
                "-m",
                "fast",
                "-w",
                "stop");
    }

    public void startNode(int port) throws Exception {
        asServerUser(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data(port).toString(),
                "-o",
                "-p " + port + " -k " + directory,
                "-l",
                directory.resolve(port + ".log").toString(),
                "-w",
                "start");
    }

    @Override
    public void close() throws Exception {
        List<Integer> all = new ArrayList<>(workers);
        all.add(coordinator);
        for (int port : all) {
            if (Files.exists(data(port).resolve("postmaster.pid"))) {
                stopNode(port);
            }
        }
        run(List.of("rm", "-rf", directory.toString()));
    }

    private Path data(int port) {
        return directory.resolve("node-" + port);
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection(url(port, database), "postgres", "");
    }

    private static void asServerUser(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (AS_ROOT) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line);
    }

    private static void run(List<String> line) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
        }
    }
}
