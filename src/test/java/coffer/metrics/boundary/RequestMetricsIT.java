package coffer.metrics.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.RunningCoffer;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The request timers' labels over HTTP: what a client sends cannot make new series at will. */
class RequestMetricsIT extends RunningCoffer {

    private static final Pattern SERIES =
            Pattern.compile("^coffer_http_requests_seconds_count\\{([^}]*)}", Pattern.MULTILINE);
    private static final Pattern ROUTE = Pattern.compile("route=\"([^\"]*)\"");

    @Test
    void aThousandMadeUpMethodsAddAtMostOneSeriesPerRoute() {
        series(); // the scrape's own series, so that the next one adds nothing
        Set<String> before = series();
        Random random = new Random(26);

        for (int i = 0; i < 1000; i++) {
            String method = randomMethod(random);
            String path = i % 2 == 0 ? "/balance/1" : "/users";
            api.send(api.request(path).method(method, BodyPublishers.noBody()));
        }
        Set<String> added = new HashSet<>(series());
        added.removeAll(before);

        Map<String, Long> addedPerRoute =
                added.stream()
                        .collect(
                                Collectors.groupingBy(
                                        RequestMetricsIT::route, Collectors.counting()));
        assertThat(addedPerRoute.values()).as("%s", added).allMatch(count -> count <= 1);
        assertThat(added).isNotEmpty().allMatch(labels -> labels.contains("method=\"OTHER\""));
    }

    private Set<String> series() {
        String exposition = api.get("/prometheus").body();
        Set<String> series = new HashSet<>();
        Matcher matcher = SERIES.matcher(exposition);
        while (matcher.find()) {
            series.add(matcher.group(1));
        }
        return series;
    }

    private static String route(String labels) {
        Matcher matcher = ROUTE.matcher(labels);
        return matcher.find() ? matcher.group(1) : labels;
    }

    private static String randomMethod(Random random) {
        char[] letters = new char[4 + random.nextInt(8)];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('A' + random.nextInt(26));
        }
        return new String(letters);
    }
}
