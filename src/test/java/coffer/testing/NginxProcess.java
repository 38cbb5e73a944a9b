package coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * nginx (Debian's package) with the project's own configuration, {@code docker/nginx-local.conf},
 * in front of instances this test started: the same rules, only the listening port and the upstream
 * servers replaced. So a test through it proves the shipped configuration, limits included.
 */
public final class NginxProcess implements AutoCloseable {

    private static final Path SHIPPED = Path.of("docker", "nginx-local.conf");
    private static final String SHIPPED_LISTEN = "listen 127.0.0.1:8000";

    private final Process process;
    private final int port;

    private NginxProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts nginx on {@code port} balancing over {@code instances}; its files go in {@code dir}.
     */
    public static NginxProcess inFrontOf(Path dir, int port, List<PayaraMicroProcess> instances) {
        try {
            Files.createDirectories(dir.resolve("logs"));
            String shipped = Files.readString(SHIPPED);
            if (!shipped.contains(SHIPPED_LISTEN)) {
                throw new IllegalStateException(SHIPPED + " no longer listens on 8000: update");
            }
            String servers =
                    instances.stream()
                            .map(
                                    instance ->
                                            "        server 127.0.0.1:"
                                                    + instance.port()
                                                    + " max_fails=3 fail_timeout=10s;")
                            .collect(Collectors.joining("\n"));
            String config =
                    shipped.replaceAll("(?m)^ *server 127\\.0\\.0\\.1:\\d+ [^\\n]*;\\n", "")
                            .replace("least_conn;", "least_conn;\n" + servers)
                            .replace(SHIPPED_LISTEN, "listen 127.0.0.1:" + port);
            Path file = dir.resolve("nginx.conf").toAbsolutePath();
            Files.writeString(file, config);
            Process process =
                    new ProcessBuilder(
                                    executable(),
                                    "-p",
                                    dir.toAbsolutePath().toString(),
                                    "-c",
                                    file.toString(),
                                    "-g",
                                    "daemon off;")
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("nginx.out").toFile())
                            .start();
            NginxProcess nginx = new NginxProcess(process, port);
            nginx.awaitListening(Duration.ofSeconds(20));
            return nginx;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening(Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: see its output in nginx.out");
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within " + timeout);
    }

    private static String executable() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
