package coffer.console;

import static org.assertj.core.api.Assertions.assertThat;

import coffer.Roles;
import coffer.testing.Api;
import coffer.testing.Api.Reply;
import coffer.testing.Database;
import coffer.testing.Identity;
import coffer.testing.PayaraMicroProcess;
import coffer.testing.PostgresServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium, driven through its chromedriver)
 * against one Coffer instance that runs the tasks at time scale 0.1: a TestTask run takes 12 s in
 * twelve steps, a 5-minute interval 30 s. One instance serves every check; each check uses a task
 * of its own. Screenshots go to {@code target/console/}.
 */
class ConsoleSystemIT {

    private static final int PORT = 18_600;
    private static final String INSTANCE = "console-node";
    private static final String OPERATOR = "test-operator";
    private static final String TOKEN = Identity.forTests().token(OPERATOR, Roles.OPERATOR);
    private static final String WATCHER = Identity.forTests().token("watcher", Roles.READ);
    private static final Path OUTPUT = Path.of("target", "console");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static Database database;
    private static PayaraMicroProcess coffer;
    private static ChromeDriverService driverService;
    private static ChromeDriver browser;
    private static Api api;

    @BeforeAll
    static void startCofferAndBrowser() throws IOException {
        Files.createDirectories(OUTPUT);
        database = PostgresServer.forTests().freshDatabase("coffer_console");
        coffer =
                PayaraMicroProcess.builder(PORT)
                        .database(database)
                        .jvmOption("-Xmx512m")
                        .environment("TASKS_TIME_SCALE", "0.1")
                        .environment("TASKS_INSTANCE_ID", INSTANCE)
                        // Twelve runs at once, each renewing in a transaction of its own.
                        .environment("DB_POOL_MAX_SIZE", "16")
                        .log(OUTPUT.resolve("coffer.log"))
                        .start();
        // Assigned before the wait, so that a start that fails is stopped too.
        coffer.awaitReady(Duration.ofMinutes(3));
        api = new Api(coffer.baseUri());
        driverService =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        ChromeOptions options =
                new ChromeOptions()
                        .setBinary("/usr/bin/chromium")
                        .addArguments(
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--no-first-run",
                                "--window-size=1280,1100",
                                "--user-data-dir="
                                        + Files.createTempDirectory(OUTPUT, "chromium-profile")
                                                .toAbsolutePath());
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (coffer != null) {
            coffer.stop();
        }
    }

    @Test
    void showsARunningTaskWithItsInstanceAndProgressAndUpdatesWhenItEndsWithoutAReload()
            throws IOException {
        openConsole(WATCHER);
        WebElement row = taskRow("TestTask1");
        await(() -> text(row, ".state").equals("running") && text(row, ".progress").length() > 0);
        assertThat(text(row, ".instance")).isEqualTo(INSTANCE);
        assertThat(text(row, ".progress")).matches("step ([1-9]|1[0-2]) of 12");
        screenshot("console-running.png");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        await(() -> text(row, ".last").startsWith("succeeded"));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument"))
                .as("the page updated itself, without a reload")
                .isEqualTo(true);
        assertThat(text(row, ".state")).isIn("idle", "waiting", "running");
        assertThat(browser.findElement(By.cssSelector("#instances tr[data-instance]")).getText())
                .contains(INSTANCE)
                .contains("live");
        JsonObject lastRun =
                api.get("/tasks/TestTask1/history?limit=20").jsonArray().stream()
                        .map(JsonValue::asJsonObject)
                        .filter(run -> run.getString("status").equals("SUCCEEDED"))
                        .findFirst()
                        .orElseThrow();
        assertThat(lastRun.getJsonObject("progress").getInt("step")).isEqualTo(12);
        assertThat(lastRun.getJsonObject("progress").getInt("steps")).isEqualTo(12);
        screenshot("console.png");
        browser.manage().window().setSize(new Dimension(390, 1400));
        screenshot("console-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 1100));
    }

    @Test
    void runNowStartsATaskAndPauseLetsTheRunFinishThenKeepsEveryInstanceFromClaimingIt()
            throws Exception {
        openConsole(TOKEN);
        WebElement row = taskRow("TestTask2");
        await(
                () ->
                        text(row, ".last").startsWith("succeeded")
                                && text(row, ".state").equals("idle"));

        click(row, ".run-now");
        await(() -> text(row, ".state").equals("running"));
        click(row, ".pause");
        await(() -> text(row, ".state").equals("running · paused by " + OPERATOR));
        await(() -> text(row, ".state").equals("paused by " + OPERATOR));

        JsonObject task = task("TestTask2");
        assertThat(task.getString("status")).isEqualTo("PAUSED");
        assertThat(task.getJsonObject("paused").getString("by")).isEqualTo(OPERATOR);
        assertThat(task.getJsonObject("lastRun").getString("status")).isEqualTo("SUCCEEDED");
        assertThat(historyStatuses("TestTask2"))
                .startsWith("PAUSED", "SUCCEEDED", "RUN_REQUESTED", "SUCCEEDED");
        JsonObject request = api.get("/tasks/TestTask2/history").jsonArray().getJsonObject(2);
        assertThat(request.getString("operator")).isEqualTo(OPERATOR);
        assertThat(request.getString("instance")).isEqualTo(INSTANCE);
        assertThat(row.findElement(By.cssSelector(".run-now")).isEnabled()).isFalse();
        Reply runNow = act("/tasks/TestTask2/run", TOKEN);
        assertThat(runNow.status()).isEqualTo(409);
        assertThat(runNow.problemType()).isEqualTo("task-paused");
        // Overdue past the claim grace: any live instance would take it, were it not paused.
        database.update(
                "UPDATE tasks SET next_run_at = now() - interval '1 hour' WHERE name = 'TestTask2'");
        Instant until = Instant.now().plusSeconds(6);
        while (Instant.now().isBefore(until)) {
            assertThat(runningCount("TestTask2")).as("runs of the paused task").isZero();
            Thread.sleep(200);
        }
        assertThat(historyStatuses("TestTask2")).first().isEqualTo("PAUSED");
        screenshot("console-paused.png");

        click(row, ".pause");
        await(() -> text(row, ".state").equals("running"));

        assertThat(historyStatuses("TestTask2")).startsWith("RUNNING", "RESUMED", "PAUSED");
    }

    @Test
    void actionsWithoutTheOperatorRoleAreRefusedAndChangeNothing() throws Exception {
        Reply none = api.as(null).post("/tasks/TestTask3/pause", "");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).isEqualTo("application/problem+json");
        assertThat(none.wwwAuthenticate()).isEqualTo("Bearer realm=\"coffer\"");
        assertThat(none.problemType()).isEqualTo("authentication-required");
        Reply wrong = act("/tasks/TestTask3/pause", TOKEN + "x");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().getString("detail")).contains("not one this service accepts");
        assertThat(act("/tasks/TestTask3/run", "").status()).isEqualTo(401);
        assertThat(act("/jobs/expire-accruals/requeue", TOKEN + "x").status()).isEqualTo(401);
        Reply watcher = act("/tasks/TestTask3/pause", WATCHER);
        assertThat(watcher.status()).isEqualTo(403);
        assertThat(watcher.problemType()).isEqualTo("forbidden");

        openConsole(WATCHER);
        WebElement row = taskRow("TestTask3");
        click(row, ".pause");
        await(() -> browser.findElement(By.id("message")).getText().contains("refused (403)"));

        assertThat(task("TestTask3").getString("status")).isNotEqualTo("PAUSED");
        assertThat(task("TestTask3").getOrDefault("paused", JsonValue.NULL))
                .isEqualTo(JsonValue.NULL);
        assertThat(historyStatuses("TestTask3")).doesNotContain("PAUSED");
        assertThat(Files.readString(OUTPUT.resolve("coffer.log")))
                .contains("Operator action by (refused: no valid token) from 127.0.0.1")
                .contains("POST /tasks/TestTask3/pause -> 403");
    }

    @Test
    void theJobCanBeQueuedAgainAndTheStreamPassesProxiesUnbuffered() throws Exception {
        long before = api.get("/jobs/expire-accruals").json().getJsonNumber("jobId").longValue();
        Reply queued = act("/jobs/expire-accruals/requeue", TOKEN);
        assertThat(queued.status()).isEqualTo(202);
        assertThat(queued.json().getJsonNumber("jobId").longValue()).isGreaterThan(before);
        assertThat(Files.readString(OUTPUT.resolve("coffer.log")))
                .containsPattern(
                        "Operator action by "
                                + OPERATOR
                                + " from 127.0.0.1 at \\S+: POST /jobs/expire-accruals/requeue"
                                + " -> 202");

        HttpResponse<java.io.InputStream> stream =
                HttpClient.newHttpClient()
                        .send(
                                api.request("/console/events").GET().build(),
                                BodyHandlers.ofInputStream());
        try (var body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");
            assertThat(stream.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            assertThat(new String(body.readNBytes(12))).isEqualTo("event: state");
        }
        assertThat(api.get("/openapi").body())
                .contains("/tasks/{name}/run")
                .contains("/tasks/{name}/pause")
                .contains("/tasks/{name}/resume")
                .contains("/jobs/expire-accruals/requeue")
                .contains("/console/events");
    }

    /** Opens the console and signs in with the token, as a person pastes it. */
    private static void openConsole(String token) {
        browser.get(coffer.baseUri().resolve("console/").toString());
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token, Keys.ENTER);
        await(() -> !browser.findElements(By.cssSelector("#tasks tr[data-task]")).isEmpty());
    }

    private static WebElement taskRow(String name) {
        return browser.findElement(By.cssSelector("#tasks tr[data-task='" + name + "']"));
    }

    private static String text(WebElement row, String cell) {
        return row.findElement(By.cssSelector(cell)).getText().strip();
    }

    private static void click(WebElement row, String button) {
        row.findElement(By.cssSelector(button)).click();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).until(driver -> condition.getAsBoolean());
    }

    private static void screenshot(String name) throws IOException {
        Files.copy(
                browser.getScreenshotAs(OutputType.FILE).toPath(),
                OUTPUT.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static Reply act(String path, String token) {
        return api.as(token).post(path, "");
    }

    private static JsonObject task(String name) {
        return api.get("/tasks").json().getJsonArray("tasks").stream()
                .map(JsonValue::asJsonObject)
                .filter(task -> task.getString("name").equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> historyStatuses(String name) {
        return api.get("/tasks/" + name + "/history").jsonArray().stream()
                .map(entry -> entry.asJsonObject().getString("status"))
                .toList();
    }

    private static long runningCount(String name) {
        return database.queryLong(
                "SELECT count(*) FROM task_history h JOIN tasks t ON t.id = h.task_id"
                        + " WHERE t.name = ? AND h.status = 'RUNNING'",
                name);
    }
}
