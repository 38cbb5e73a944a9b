package coffer.benchmark;

import coffer.testing.Database;
import coffer.testing.Latencies;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's own ceiling: pgbench running a script against the same database, with
 * per-transaction logs for the percentiles. Needs the {@code pgbench} of a PostgreSQL client
 * installation on the PATH (or in /usr/lib/postgresql/N/bin).
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without");

    private final Database database;
    private final Path workDirectory;
    private final String executable;

    Pgbench(Database database, Path workDirectory) {
        this.database = database;
        this.workDirectory = workDirectory;
        this.executable = locate();
    }

    /** Runs the script with that many clients for that many seconds. */
    Result run(String name, String script, int clients, int seconds, String options)
            throws IOException, InterruptedException {
        Path scriptFile = workDirectory.resolve(name + ".sql");
        Files.writeString(scriptFile, script);
        Path logs = emptyDirectory(workDirectory.resolve(name + "-log"));
        URI url = URI.create(database.url().substring("jdbc:".length()));
        List<String> command =
                new ArrayList<>(
                        List.of(
                                executable,
                                "-n",
                                "-M",
                                "prepared",
                                "-h",
                                url.getHost(),
                                "-p",
                                Integer.toString(url.getPort()),
                                "-U",
                                database.user(),
                                "-c",
                                Integer.toString(clients),
                                "-j",
                                "2",
                                "-T",
                                Integer.toString(seconds),
                                "-f",
                                scriptFile.toString(),
                                "-l",
                                "--log-prefix",
                                logs.resolve("tx").toString(),
                                url.getPath().substring(1)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", database.password());
        builder.environment().put("PGOPTIONS", options);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        Matcher tps = TPS.matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("No tps in pgbench output:\n" + output);
        }
        return new Result(Double.parseDouble(tps.group(1)), latencies(logs));
    }

    private static Path emptyDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> old = Files.list(directory)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        return directory;
    }

    /** Per-transaction latencies from pgbench's logs (third column, microseconds). */
    private static Latencies.Summary latencies(Path logs) throws IOException {
        List<Long> micros = new ArrayList<>();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    micros.add(Long.parseLong(line.split(" ")[2]));
                }
            }
        }
        Latencies latencies = new Latencies(micros.size());
        micros.forEach(value -> latencies.record(value * 1_000));
        return latencies.summary();
    }

    private static String locate() {
        Stream<Path> candidates =
                Stream.concat(
                        Stream.of(System.getenv("PATH").split(":")).map(Path::of),
                        Stream.of("17", "16", "15", "14")
                                .map(version -> Path.of("/usr/lib/postgresql", version, "bin")));
        return candidates
                .map(dir -> dir.resolve("pgbench"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "pgbench not found: install a PostgreSQL client (apt install"
                                                + " postgresql-client)"));
    }

    record Result(double tps, Latencies.Summary latencies) {}
}
