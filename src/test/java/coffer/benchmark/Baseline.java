package coffer.benchmark;

import coffer.testing.Database;
import coffer.testing.PayaraMicroProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The yardstick beside Coffer: a plain Node/Express service ({@code src/test/node/baseline}) that
 * runs one {@code UPDATE users SET balance = balance + $1 WHERE id = $2 AND balance + $1 >= 0
 * RETURNING balance} per {@code POST /balance/update} over a pool of the same size as Coffer's, on
 * the same database, with no ledger, no idempotency and no token check. What Coffer costs beyond
 * that is what its guarantees cost. Installed with {@code npm ci} (pinned by its lock file) into
 * {@code target/benchmark/baseline} when the benchmark runs, so neither the build nor CI needs
 * Node.
 */
final class Baseline implements AutoCloseable {

    static final int PORT = Integer.getInteger("bench.baseline-port", 18_840);
    private static final Path SOURCE = Path.of("src", "test", "node", "baseline");
    private static final List<String> FILES =
            List.of("package.json", "package-lock.json", "server.js");
    private static final Duration START = Duration.ofSeconds(30);

    private final Process process;
    private final long startNanos;

    private Baseline(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
    }

    /** Installs and starts it against {@code database} with a pool of {@code pool}. */
    static Baseline start(Database database, Path work, int pool)
            throws IOException, InterruptedException {
        Path directory = Files.createDirectories(work.resolve("baseline"));
        for (String file : FILES) {
            Files.copy(
                    SOURCE.resolve(file),
                    directory.resolve(file),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path log = work.resolve("baseline.log");
        Process install =
                new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("baseline-npm.log").toFile())
                        .start();
        if (install.waitFor() != 0) {
            throw new IllegalStateException(
                    "npm ci failed for the baseline; see " + work.resolve("baseline-npm.log"));
        }
        URI url = URI.create(database.url().substring("jdbc:".length()));
        ProcessBuilder node =
                new ProcessBuilder("node", "server.js")
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        node.environment()
                .putAll(
                        Map.of(
                                "PORT", Integer.toString(PORT),
                                "POOL_SIZE", Integer.toString(pool),
                                "PGHOST", url.getHost(),
                                "PGPORT", Integer.toString(url.getPort()),
                                "PGDATABASE", url.getPath().substring(1),
                                "PGUSER", database.user(),
                                "PGPASSWORD", database.password()));
        long startNanos = System.nanoTime();
        Baseline baseline = new Baseline(node.start(), startNanos);
        baseline.awaitListening(log);
        return baseline;
    }

    private void awaitListening(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", PORT), 1_000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("The baseline did not start; see " + log);
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + PORT + "/");
    }

    long startNanos() {
        return startNanos;
    }

    double cpuSeconds() {
        return PayaraMicroProcess.cpuSecondsOf(process.pid());
    }

    /** SIGTERM, and SIGKILL if it has not ended within 5 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
