package coffer.tasks.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.testing.Api.Reply;
import coffer.testing.RunningCoffer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The task API's shape and its answers to bad input. The scheduler is off in this deployment, so
 * every task is due and waiting; a running cluster is {@code ClusterSchedulingSystemIT}'s.
 */
class TasksApiIT extends RunningCoffer {

    @Test
    void listsTheTenTasksAndTheBooksTasksWithTheirIntervals() {
        Reply reply = api.get("/tasks");

        assertThat(reply.status()).isEqualTo(200);
        Map<String, String> intervals =
                reply.json().getJsonArray("tasks").stream()
                        .map(JsonValue::asJsonObject)
                        .collect(
                                Collectors.toMap(
                                        task -> task.getString("name"),
                                        task -> task.getString("interval")));
        assertThat(intervals)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.ofEntries(
                                Map.entry("TestTask1", "PT5M"), Map.entry("TestTask2", "PT1H"),
                                Map.entry("TestTask3", "PT10M"), Map.entry("TestTask4", "PT6H"),
                                Map.entry("TestTask5", "PT15M"), Map.entry("TestTask6", "PT30M"),
                                Map.entry("TestTask7", "PT24H"), Map.entry("TestTask8", "PT20M"),
                                Map.entry("TestTask9", "PT45M"), Map.entry("TestTask10", "PT25M"),
                                Map.entry("ExpireAccruals", "PT5M"),
                                        Map.entry("PurgeIdempotencyKeys", "PT1H")));
    }

    @Test
    void aTaskNobodyRunsIsWaitingAndPending() {
        JsonObject overview = api.get("/tasks").json();
        JsonObject first = overview.getJsonArray("tasks").getJsonObject(0);

        assertThat(first.getString("name")).isEqualTo("TestTask1");
        assertThat(first.getString("function")).isEqualTo("stepped-work");
        assertThat(first.getString("status")).isEqualTo("WAITING");
        assertThat(first.isNull("runningInstance")).isTrue();
        assertThat(first.isNull("lastRun")).isTrue();
        assertThat(overview.getJsonNumber("timeScale").doubleValue()).isEqualTo(1.0);
        List<String> pending =
                overview.getJsonArray("pending").stream()
                        .map(value -> value.asJsonObject().getString("name"))
                        .toList();
        assertThat(pending).hasSize(12).contains("TestTask1", "TestTask10", "ExpireAccruals");
    }

    @Test
    void historyOfATaskThatNeverRanIsEmpty() {
        Reply reply = api.get("/tasks/TestTask7/history?limit=5");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.jsonArray()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "abc", "2.5"})
    void historyLimitOutOfRangeIsABadRequest(String limit) {
        Reply reply = api.get("/tasks/TestTask1/history?limit=" + limit);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("invalid-request");
        assertThat(reply.json().getString("detail")).contains("limit");
    }

    @Test
    void historyOfAnUnknownTaskIsNotFound() {
        Reply reply = api.get("/tasks/NoSuchTask/history");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("task-not-found");
    }

    @Test
    void anInstanceWithItsSchedulerOffIsNotListed() {
        Reply reply = api.get("/instances");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.jsonArray()).isEmpty();
    }
}
