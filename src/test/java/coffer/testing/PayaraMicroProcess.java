package coffer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process running the WAR, started exactly as production starts it ({@code java
 * -jar payara-micro.jar --deploy coffer.war --contextroot / --port N}), but with a {@link
 * #STOP_GRACE} of its own.
 */
public final class PayaraMicroProcess {

    /**
     * The drain of an instance a test stops ({@code shutdown.grace}): short, so that a test does
     * not wait 10 s for each; a test of the shutdown itself sets its own.
     */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    private final Process process;
    private final int port;
    private final String name;

    private PayaraMicroProcess(Process process, int port, String name) {
        this.process = process;
        this.port = port;
        this.name = name;
    }

    public static Builder builder(int port) {
        return new Builder(port);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** The operating system's id of the process, for tools such as jcmd. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /health/ready} answers 200; fails if the process dies or time is up. */
    public PayaraMicroProcess awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try {
                var reply =
                        http.send(
                                HttpRequest.newBuilder(baseUri().resolve("health/ready"))
                                        // Readiness may wait up to the pool's 10 s for a
                                        // connection on a busy instance: let it answer.
                                        .timeout(Duration.ofSeconds(15))
                                        .build(),
                                BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYetListening) {
                // Still booting.
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(name + " not ready within " + timeout);
    }

    /** A graceful stop (SIGTERM), as an orchestrator would do it. */
    public void stop() {
        stop(Duration.ofSeconds(60));
    }

    /**
     * A graceful stop given {@code grace} to exit (a JVM writing an archive at exit needs more).
     */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A crash: SIGKILL, no shutdown hooks, nothing released. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resident memory of the process, from /proc (Linux); -1 where that is not available. */
    public long residentMegabytes() {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))
                    .stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | NumberFormatException unavailable) {
            return -1;
        }
    }

    /**
     * CPU time the process has used so far, user and system, from /proc (Linux, where the kernel
     * counts in ticks of 1/100 s).
     */
    public double cpuSeconds() {
        return cpuSecondsOf(process.pid());
    }

    /** The same for any process by its id, such as the benchmark's baseline service. */
    public static double cpuSecondsOf(long pid) {
        try {
            return cpuSecondsIn(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException unavailable) {
            throw new UncheckedIOException(unavailable);
        }
    }

    /**
     * The CPU time its live threads have used so far, summed by thread name with the number dropped
     * ({@code coffer-balance-lane-3} counts as {@code coffer-balance-lane-}; the kernel keeps 15
     * characters of a name). A thread that ended is not counted.
     */
    public Map<String, Double> cpuSecondsByThread() {
        Map<String, Double> seconds = new HashMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            tasks.forEach(
                    task -> {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            String name =
                                    stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                            .replaceAll("[0-9]+\\)?$", "");
                            seconds.merge(name, cpuSecondsIn(stat), Double::sum);
                        } catch (IOException ended) {
                            // Ended between the listing and the read: it uses nothing any more.
                        }
                    });
        } catch (IOException unavailable) {
            throw new UncheckedIOException(unavailable);
        }
        return seconds;
    }

    /**
     * The same for a process with its children, live and ended: a PostgreSQL server's postmaster
     * with its backends (a backend is a process of its own, and a backend that ended is counted in
     * its parent's reaped-children times).
     */
    public static double cpuSecondsOfTree(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            double children =
                    ProcessHandle.of(pid).stream()
                            .flatMap(ProcessHandle::descendants)
                            .mapToDouble(child -> cpuSecondsIfAlive(child.pid()))
                            .sum();
            return cpuSecondsIn(stat) + reapedChildrenCpuSecondsIn(stat) + children;
        } catch (IOException unavailable) {
            throw new UncheckedIOException(unavailable);
        }
    }

    private static double cpuSecondsIfAlive(long pid) {
        try {
            return cpuSecondsIn(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException ended) {
            // Ended between the listing and the read: its parent's reaped times count it now.
            return 0;
        }
    }

    /** User and system time of a /proc stat line; the kernel counts in ticks of 1/100 s. */
    private static double cpuSecondsIn(String stat) {
        String[] fields = statFields(stat);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** The same for the children it has waited for (cutime and cstime). */
    private static double reapedChildrenCpuSecondsIn(String stat) {
        String[] fields = statFields(stat);
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    /** The fields after the process's name, from its state on. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** How to start one. */
    public static final class Builder {

        private final int port;
        private final Map<String, String> environment = new HashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> microOptions = new ArrayList<>();
        private Path jar =
                Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        private Path war = Path.of(System.getProperty("coffer.war", "target/coffer.war"));
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private String name;
        private Path log;
        private boolean optimizingCompiler;

        private Builder(int port) {
            this.port = port;
            this.name = "coffer-" + port;
            environment.put("WARMUP_DURATION", "PT0S");
            environment.put("SHUTDOWN_GRACE", STOP_GRACE.toString());
            identity(Identity.forTests());
        }

        /**
         * Warms up before it reports ready, as production does ({@code warmup.duration}, 30 s by
         * default). Without this an instance is ready once deployed: most tests start instances to
         * test something else, and the warm-up would add its half minute to every start.
         */
        public Builder warmingUp() {
            environment.remove("WARMUP_DURATION");
            return this;
        }

        /** Verifies callers' tokens with that identity provider (by default the tests'). */
        public Builder identity(Identity identity) {
            environment.putAll(identity.environment());
            return this;
        }

        public Builder database(Database database) {
            environment.put("DB_URL", database.url());
            environment.put("DB_USER", database.user());
            environment.put("DB_PASSWORD", database.password());
            return this;
        }

        public Builder environment(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Joins a Payara Micro cluster under this name, discovering members by TCP/IP. */
        public Builder cluster(String memberName, String members) {
            this.name = memberName;
            microOptions.addAll(List.of("--clustermode", "tcpip:" + members, "--name", memberName));
            return this;
        }

        /**
         * A member of a cluster on loopback: its name, every member's Hazelcast address and its own
         * Hazelcast port.
         */
        public Builder loopbackCluster(String memberName, String members, int hazelcastPort) {
            return cluster(memberName, members)
                    .microOption("--startport", Integer.toString(hazelcastPort))
                    .microOption("--interfaces", "127.0.0.1");
        }

        /** Any other Payara Micro option, such as {@code --startport 16900}. */
        public Builder microOption(String option, String value) {
            microOptions.addAll(List.of(option, value));
            return this;
        }

        /**
         * Compiles hot code with C2, as production does. Without this an instance runs on the
         * client compiler alone: tests start far more instances than they run hot, and C1 alone
         * halves the CPU of a boot (26 s to 13 s here), which on two cores is most of its wall
         * time.
         */
        public Builder optimizingCompiler() {
            this.optimizingCompiler = true;
            return this;
        }

        /** The JDK it runs on; by default the one running this code. */
        public Builder javaHome(Path home) {
            this.javaHome = home;
            return this;
        }

        /** Where its output goes; without one, it shares this process's console. */
        public Builder log(Path file) {
            this.log = file;
            return this;
        }

        public PayaraMicroProcess start() {
            List<String> command = new ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            if (!optimizingCompiler) {
                command.add("-XX:TieredStopAtLevel=1");
            }
            command.addAll(jvmOptions);
            command.addAll(
                    List.of(
                            "-jar",
                            jar.toString(),
                            "--deploy",
                            war.toString(),
                            "--contextroot",
                            "/",
                            "--port",
                            Integer.toString(port)));
            command.addAll(microOptions);
            if (!microOptions.contains("--clustermode")) {
                command.add("--nocluster");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            if (log == null) {
                builder.inheritIO();
            } else {
                builder.redirectOutput(log.toFile());
            }
            try {
                return new PayaraMicroProcess(builder.start(), port, name);
            } catch (IOException failed) {
                throw new UncheckedIOException("Could not start Payara Micro", failed);
            }
        }
    }
}
