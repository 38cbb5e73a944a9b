package coffer.benchmark;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.password4j.BcryptFunction;
import com.password4j.Password;
import com.password4j.types.Bcrypt;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * {@code ./mvnw -Pbenchmark -Dbench.suite=hashes}: one bcrypt hash at cost 10 ({@code
 * -Dbench.cost}) in each JVM library the shop could use, next to Apache's {@code htpasswd -B} (C,
 * one process per hash) when it is installed. Each library warms up, then hashes in {@code
 * -Dbench.rounds} rounds of {@code -Dbench.hashes} on one thread; the report gives the minimum and
 * median milliseconds per hash over the rounds, of wall time and of CPU time (the thread's, or
 * htpasswd's as its parent is told): on a machine shared with other work the wall time grows with
 * the queue for the cores, the CPU time far less. Every library must also verify a hash at.favre
 * made, the format of the hashes already stored. Writes {@code target/benchmark/hashes-report.md}.
 */
final class Hashes {

    private static final int COST = Integer.getInteger("bench.cost", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 7);
    private static final int PER_ROUND = Integer.getInteger("bench.hashes", 20);
    private static final String PASSWORD = "testpassword";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Linux's USER_HZ, the unit of /proc's CPU times. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private Hashes() {}

    static void run() throws Exception {
        String stored =
                new String(
                        BCrypt.with(BCrypt.Version.VERSION_2B)
                                .hash(COST, PASSWORD.getBytes(StandardCharsets.UTF_8)),
                        StandardCharsets.US_ASCII);
        Map<String, Library> libraries = new LinkedHashMap<>();
        libraries.put(
                "at.favre.lib:bcrypt",
                new Library(
                        () ->
                                BCrypt.with(BCrypt.Version.VERSION_2B)
                                        .hash(COST, PASSWORD.getBytes(StandardCharsets.UTF_8)),
                        hash ->
                                BCrypt.verifyer()
                                        .verify(
                                                PASSWORD.getBytes(StandardCharsets.UTF_8),
                                                hash.getBytes(StandardCharsets.US_ASCII))
                                        .verified));
        libraries.put(
                "Bouncy Castle OpenBSDBCrypt",
                new Library(
                        () -> OpenBSDBCrypt.generate("2b", PASSWORD.toCharArray(), salt(), COST),
                        hash -> OpenBSDBCrypt.checkPassword(hash, PASSWORD.toCharArray())));
        libraries.put(
                "Spring Security BCrypt",
                new Library(
                        () ->
                                org.springframework.security.crypto.bcrypt.BCrypt.hashpw(
                                        PASSWORD,
                                        org.springframework.security.crypto.bcrypt.BCrypt.gensalt(
                                                "$2b", COST)),
                        hash ->
                                org.springframework.security.crypto.bcrypt.BCrypt.checkpw(
                                        PASSWORD, hash)));
        BcryptFunction password4j = BcryptFunction.getInstance(Bcrypt.B, COST);
        libraries.put(
                "password4j",
                new Library(
                        () -> Password.hash(PASSWORD).with(password4j).getResult(),
                        hash -> Password.check(PASSWORD, hash).with(password4j)));
        List<String> report = new ArrayList<>();
        report.add("# bcrypt at cost " + COST + ", ms per hash on one thread\n");
        report.add(
                Runtime.getRuntime().availableProcessors()
                        + " cores, Java "
                        + Runtime.version()
                        + "; "
                        + ROUNDS
                        + " rounds of "
                        + PER_ROUND
                        + " hashes after a warm-up.\n");
        if (htpasswdInstalled()) {
            libraries.put(
                    "C: htpasswd -nbB -C " + COST + " (a process per hash)",
                    new Library(Hashes::htpasswd, hash -> true, Hashes::childrenCpuNanos));
        }
        Map<String, Times> msPerHash = measure(libraries);
        report.add(
                "| library | wall min | wall median | CPU min | CPU median | verifies an at.favre"
                        + " hash |");
        report.add("|---|---|---|---|---|---|");
        libraries.forEach(
                (name, library) -> {
                    Times times = msPerHash.get(name);
                    Arrays.sort(times.wall());
                    Arrays.sort(times.cpu());
                    report.add(
                            String.format(
                                    "| %s | %.1f | %.1f | %.1f | %.1f | %s |",
                                    name,
                                    times.wall()[0],
                                    times.wall()[ROUNDS / 2],
                                    times.cpu()[0],
                                    times.cpu()[ROUNDS / 2],
                                    name.startsWith("C:")
                                            ? "n/a"
                                            : library.verifies().test(stored) ? "yes" : "NO"));
                });
        report.forEach(System.out::println);
        Path work = Path.of("target", "benchmark");
        Files.createDirectories(work);
        Files.write(work.resolve("hashes-report.md"), report);
    }

    /**
     * Each round hashes with every library in turn, so that other work on the machine weighs on all
     * of them alike rather than on whichever ran while it did.
     */
    private static Map<String, Times> measure(Map<String, Library> libraries) {
        Map<String, Times> msPerHash = new LinkedHashMap<>();
        libraries.forEach(
                (name, library) -> {
                    hash(library, PER_ROUND);
                    msPerHash.put(name, new Times(new double[ROUNDS], new double[ROUNDS]));
                });
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, Library> entry : libraries.entrySet()) {
                Library library = entry.getValue();
                long start = System.nanoTime();
                long cpuStart = library.cpuNanos().getAsLong();
                hash(library, PER_ROUND);
                Times times = msPerHash.get(entry.getKey());
                times.cpu()[round] = (library.cpuNanos().getAsLong() - cpuStart) / 1e6 / PER_ROUND;
                times.wall()[round] = (System.nanoTime() - start) / 1e6 / PER_ROUND;
            }
        }
        return msPerHash;
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The CPU time of this process's reaped children: /proc/self/stat's cutime and cstime. */
    private static long childrenCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
            long ticks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void hash(Library library, int times) {
        for (int hash = 0; hash < times; hash++) {
            library.hash().get();
        }
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return salt;
    }

    private static boolean htpasswdInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/htpasswd"));
    }

    private static Object htpasswd() {
        try {
            Process process =
                    new ProcessBuilder(
                                    "htpasswd", "-nbB", "-C", String.valueOf(COST), "u", PASSWORD)
                            .redirectErrorStream(true)
                            .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(new String(out, StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A hash made with a fresh salt, the check of {@link #PASSWORD} against a stored hash, and the
     * CPU clock that times the hash.
     */
    private record Library(
            Supplier<Object> hash, Predicate<String> verifies, LongSupplier cpuNanos) {

        Library(Supplier<Object> hash, Predicate<String> verifies) {
            this(hash, verifies, Hashes::threadCpuNanos);
        }
    }

    /** Milliseconds per hash of each round. */
    private record Times(double[] wall, double[] cpu) {}
}
