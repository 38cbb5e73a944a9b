package coffer.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds (user and system) a process's threads have used, summed by thread name with its
 * number dropped ({@code coffer-balance-lane-3} counts as {@code coffer-balance-lane-}), from /proc
 * (Linux; the kernel counts in ticks of 1/100 s and keeps 15 characters of a name).
 */
final class ThreadTimes {

    private ThreadTimes() {}

    static Map<String, Double> of(long pid) {
        Map<String, Double> seconds = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(
                    task -> {
                        try {
                            String stat = Files.readString(task.resolve("stat"));
                            String name =
                                    stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                                            .replaceAll("[0-9]+\\)?$", "");
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            double used =
                                    (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                                            / 100.0;
                            seconds.merge(name, used, Double::sum);
                        } catch (IOException ended) {
                            // The thread ended between the listing and the read: it used nothing
                            // since.
                        }
                    });
        } catch (IOException unavailable) {
            throw new UncheckedIOException(unavailable);
        }
        return seconds;
    }

    /** What each group used since {@code before}. */
    static Map<String, Double> since(long pid, Map<String, Double> before) {
        Map<String, Double> used = new HashMap<>(of(pid));
        used.replaceAll((name, now) -> now - before.getOrDefault(name, 0.0));
        return used;
    }
}
