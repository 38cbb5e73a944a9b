package coffer.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of Prometheus' text format, read into samples a test can look values up in. */
public final class Scrape {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples = new ArrayList<>();

    /** What the server's {@code /prometheus} shows now. */
    public static Scrape of(Api api) {
        Api.Reply reply = api.get("/prometheus");
        if (reply.status() != 200) {
            throw new IllegalStateException("Could not scrape the metrics: " + reply);
        }
        return new Scrape(reply.body());
    }

    public Scrape(String text) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                samples.add(
                        new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
        }
    }

    /**
     * The sum of the named samples whose labels include these (name, value, name, value ...); 0
     * when there is none, as for a counter not yet incremented.
     */
    public double value(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    public List<Sample> matching(String name, String... labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(
                        sample -> {
                            for (int i = 0; i < labels.length; i += 2) {
                                if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                                    return false;
                                }
                            }
                            return true;
                        })
                .toList();
    }

    /** One line of the scrape: a metric's name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {}
}
