package coffer.testing;

import coffer.Roles;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The run command ({@code ./mvnw -Prun}): Coffer on this machine with nothing installed but a JDK.
 * Without {@code DB_URL} it starts an embedded PostgreSQL whose data is kept in {@code
 * .coffer/postgres} between runs; then Payara Micro with the WAR. Ctrl-C stops both.
 *
 * <p>Callers authenticate as in production, with a local identity provider: a key pair made once in
 * {@code .coffer/identity}, whose public key the instance verifies tokens with. It prints an
 * operator's token and the command that mints others ({@code scripts/mint-token.sh}). With {@code
 * AUTH_SANDBOX=true} every route is open instead, and the HTTP listener is bound to 127.0.0.1, the
 * only way Coffer starts with the sandbox on.
 */
public final class DevServer {

    private static final String LOCAL_ISSUER = "https://identity.coffer.local";

    /** The pre-boot commands that bind the HTTP listener to loopback, as the sandbox needs. */
    public static final String LOOPBACK_ONLY = "server-config/loopback-only.asadmin";

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
        Path identityDirectory =
                Path.of(System.getProperty("coffer.data", ".coffer/postgres"))
                        .toAbsolutePath()
                        .resolveSibling("identity");
        Identity identity = Identity.at(identityDirectory, LOCAL_ISSUER);
        payara.identity(identity);
        boolean sandbox = Boolean.parseBoolean(System.getenv("AUTH_SANDBOX"));
        if (sandbox) {
            payara.environment("AUTH_SANDBOX", "true")
                    .microOption("--prebootcommandfile", LOOPBACK_ONLY);
        }
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
                %3$s
                Ctrl-C stops everything.
                """
                        .formatted(base, databaseDescription, access(identity, sandbox)));
        server.waitFor();
    }

    private static String access(Identity identity, boolean sandbox) {
        if (sandbox) {
            return """
                      Access      AUTH_SANDBOX=true: NO AUTHENTICATION, every route is open;
                                  listening on 127.0.0.1 only
                    """
                    .stripTrailing();
        }
        String token = identity.token("local-operator", Roles.ALL.toArray(String[]::new));
        return """
                  Token       every role, valid 24 h:
                              export TOKEN=%1$s
                              curl -H "Authorization: Bearer $TOKEN" ...
                  More        scripts/mint-token.sh SUBJECT GROUPS [SECONDS]
                              e.g. scripts/mint-token.sh bonus-service coffer.read,coffer.write
                  Keys        %2$s (issuer %3$s, audience %4$s)
                """
                .stripTrailing()
                .formatted(
                        token,
                        identity.privateKey().getParent(),
                        identity.issuer(),
                        Identity.AUDIENCE);
    }
}
