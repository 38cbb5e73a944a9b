package coffer.benchmark;

import coffer.testing.Api;
import coffer.testing.Database;
import coffer.testing.Load;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@code ./mvnw -Pbenchmark -Dbench.suite=profile}: where Payara's CPU goes on the spread load.
 * Starts Coffer as the benchmark does, warms it up with small changes spread over 1000 users on 64
 * connections (closed loop: as fast as answers come) until its throughput settles, then measures
 * 30,000 more, and 30,000 again under Flight Recorder's sampling profiler (which itself costs CPU,
 * so both are reported). Writes {@code target/benchmark/profile.md}: throughput, latency, CPU per
 * request in total and by thread (from /proc, so the compiler, the collector and the VM's own
 * threads count too), and the methods most often on the CPU, by their own time and by the time
 * spent under them. The benchmark's levers apply ({@link Benchmark#withLevers}).
 */
final class Profile {

    private static final int CONNECTIONS = Integer.getInteger("bench.concurrency", 64);
    private static final int USERS = Integer.getInteger("bench.users", 1000);
    private static final int RECORDED_REQUESTS = 30_000;
    private static final int TOP = 60;

    /** {@code -Dbench.record=false} measures without the recording (which costs CPU too). */
    private static final boolean RECORD =
            Boolean.parseBoolean(System.getProperty("bench.record", "true"));

    private final Path work = Path.of("target", "benchmark");
    private final List<String> report = new ArrayList<>();

    static void run() throws Exception {
        new Profile().profile();
    }

    private void profile() throws Exception {
        Files.createDirectories(work);
        PostgresServer postgres = PostgresServer.benchmark(work.resolve("profile-pgdata"), "on");
        Database database = postgres.freshDatabase("coffer_profile");
        PayaraMicroProcess coffer = Benchmark.startCoffer(database, work, 18_482, "profile");
        Path recording = work.resolve("profile.jfr").toAbsolutePath();
        try {
            coffer.awaitReady(Duration.ofMinutes(3));
            Api api = new Api(coffer.baseUri());
            Load load = new Load(coffer.baseUri(), "balance/update");
            long[] users =
                    LongStream.range(0, USERS).map(i -> api.openUser(1_000_000_000)).toArray();
            ClosedLoop spread = new ClosedLoop(load, CONNECTIONS, i -> Benchmark.change(users));
            WarmUp warmUp = WarmUp.untilThroughputSettles(spread::runFor);
            note("# Where Payara's CPU goes: changes spread over users\n");
            note(Benchmark.levers() + "; measured " + warmUp + ".\n");
            measure(coffer, load, users, "Not recorded");
            if (RECORD) {
                Files.deleteIfExists(recording);
                jcmd(
                        coffer,
                        "JFR.start",
                        "name=coffer",
                        "settings=profile",
                        "filename=" + recording);
                measure(coffer, load, users, "Recorded");
                jcmd(coffer, "JFR.stop", "name=coffer");
            }
        } finally {
            coffer.stop();
            postgres.stop();
        }
        if (RECORD) {
            summarize(recording);
        }
        Files.write(work.resolve("profile.md"), report);
    }

    /**
     * Runs the recorded number of changes and notes throughput, latency and CPU per request, and
     * CPU by thread.
     */
    private void measure(PayaraMicroProcess coffer, Load load, long[] users, String what) {
        Map<String, Double> threadsBefore = coffer.cpuSecondsByThread();
        double cpuBefore = coffer.cpuSeconds();
        Load.Result measured =
                load.closedLoop(RECORDED_REQUESTS, CONNECTIONS, i -> Benchmark.change(users));
        double cpu = coffer.cpuSeconds() - cpuBefore;
        Map<String, Double> threads = coffer.cpuSecondsByThread();
        threads.replaceAll((name, now) -> now - threadsBefore.getOrDefault(name, 0.0));
        note(
                "%s: %d changes over %d users on %d connections (%s): %.0f req/s, %s; %.2f ms of"
                                .formatted(
                                        what,
                                        RECORDED_REQUESTS,
                                        USERS,
                                        CONNECTIONS,
                                        measured.byStatus(),
                                        measured.throughput(),
                                        measured.latencies(),
                                        cpu * 1000 / measured.requests())
                        + " Payara CPU per request, by thread:\n\n| ms | threads |\n|---|---|");
        threads.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(12)
                .forEach(
                        e ->
                                note(
                                        "| %.3f | %s |"
                                                .formatted(
                                                        e.getValue() * 1000 / measured.requests(),
                                                        e.getKey())));
        note("");
    }

    /** Self and total samples by method, over every thread's execution samples. */
    private void summarize(Path recording) throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame))) {
                    total.merge(name(frame), 1, Integer::sum);
                }
            }
        }
        note(samples + " execution samples (stacks are truncated at 64 frames).\n");
        table("By own time", self, samples);
        table(
                "By time spent under it (truncated stacks undercount the outer frames)",
                total,
                samples);
    }

    private void table(String title, Map<String, Integer> counts, int samples) {
        note("## " + title + "\n\n| samples | share | method |\n|---|---|---|");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP)
                .forEach(
                        e ->
                                note(
                                        "| %d | %.1f%% | `%s` |"
                                                .formatted(
                                                        e.getValue(),
                                                        100.0 * e.getValue() / samples,
                                                        e.getKey())));
        note("");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void jcmd(PayaraMicroProcess coffer, String... command) throws Exception {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(coffer.pid()));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).inheritIO().start();
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + line);
        }
    }

    private void note(String line) {
        System.out.println(line);
        report.add(line);
    }
}
