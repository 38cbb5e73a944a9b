package coffer.testing;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The run command ({@code ./mvnw -Prun}): Coffer on this machine with nothing installed but a JDK.
 * Without {@code DB_URL} it starts an embedded PostgreSQL whose data is kept in {@code
 * .coffer/postgres} between runs; then Payara Micro with the WAR. Ctrl-C stops both.
 */
public final class DevServer {

    private DevServer() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.getInteger("coffer.port", 8080);
        String externalUrl = System.getenv("DB_URL");
        PostgresServer postgres = null;
        PayaraMicroProcess.Builder payara =
                PayaraMicroProcess.builder(port).optimizingCompiler().warmingUp();
        String databaseDescription = externalUrl;
        if (externalUrl == null || externalUrl.isBlank()) {
            Path data =
                    Path.of(System.getProperty("coffer.data", ".coffer/postgres")).toAbsolutePath();
            postgres = PostgresServer.durable(data, Integer.getInteger("coffer.db-port", 5433));
            Database database = postgres.createIfMissing("coffer");
            payara.database(database);
            databaseDescription =
                    database.url() + " (user " + database.user() + "), data kept in " + data;
        }
        // The merch shop's token key: made on the first start, kept beside the database's data.
        payara.jvmOption(
                "-Dmerch.jwt.key-file="
                        + Path.of(System.getProperty("coffer.data", ".coffer/postgres"))
                                .toAbsolutePath()
                                .resolveSibling("merch-jwt.key"));
        PayaraMicroProcess server = payara.start();
        PostgresServer embedded = postgres;
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    server.stop();
                                    if (embedded != null) {
                                        embedded.stop();
                                    }
                                }));
        server.awaitReady(Duration.ofMinutes(5));
        String base = "http://localhost:" + port;
        System.out.println(
                """

                Coffer is running.
                  API         %1$s/balance/1
                  Swagger UI  %1$s/swagger-ui/
                  OpenAPI     %1$s/openapi
                  Health      %1$s/health/ready
                  Metrics     %1$s/prometheus (Coffer's), %1$s/metrics (Payara's)
                  Database    %2$s
                Ctrl-C stops everything.
                """
                        .formatted(base, databaseDescription));
        server.waitFor();
    }
}
