package io.parley.cli;

import static io.parley.cli.ParleyCommandTest.parley;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.cli.ParleyCommandTest.Run;
import io.parley.server.store.StoreSettings;
import io.parley.server.support.Postgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on a PostgreSQL store, each its own process, against a real PostgreSQL and a role without superuser
 * rights: the first command to touch the empty database creates the tables, the server and the user commands
 * share it, the settings work as flags and as environment variables, and a second server is refused.
 */
class PostgresStoreCommandTest {
    @TempDir
    Path dir;

    @Test
    void usersAndServerShareOneDatabaseAndASecondServerIsRefused() throws Exception {
        StoreSettings db = Postgres.newDatabase();
        Path secret = Files.writeString(dir.resolve("db.pw"), Postgres.PASSWORD + "\n");
        String[] flags = {"--store", "postgres", "--db-url", db.dbUrl(), "--db-user", db.dbUser(), "--db-password-file",
                secret.toString()};
        Run add = parley("a-pw\n", concat(new String[] {"user", "add", "alice@example.com", "--name", "Alice",
                "--password-stdin"}, flags));
        assertThat(add.exit()).as(add.err()).isZero();
        // The same settings from the environment, as a service unit would give them.
        Map<String, String> env = Map.of("PARLEY_STORE", "postgres", "PARLEY_DB_URL", db.dbUrl(), "PARLEY_DB_USER",
                db.dbUser(), "PARLEY_DB_PASSWORD", Postgres.PASSWORD, "PARLEY_NODE_ID", "n1");
        Run list = ParleyCommandTest.parleyWithEnv(env, null, "user", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("alice@example.com\tAlice");

        int port = freePort();
        Path log = dir.resolve("serve.log");
        ProcessBuilder first = new ProcessBuilder(ParleyCommandTest.command("serve", "--port", String.valueOf(port)))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        first.environment().putAll(env);
        Process server = first.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> Files.readString(log).contains("Parley ready") || !server.isAlive());
            assertThat(Files.readString(log)).contains("Parley ready").contains("PostgreSQL at " + db.dbUrl())
                    .doesNotContain(Postgres.PASSWORD);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/WebTicket/oauthtoken"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=alice@example.com&password=a-pw"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(token.body()).contains("cwt=");

            Run second = parley(null, concat(new String[] {"serve", "--port", String.valueOf(freePort())}, flags));
            assertThat(second.exit()).isNotZero();
            assertThat(second.err()).contains("Another Parley server already runs").contains("node n1");
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(log)).contains("Parley stopped");
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(List.of(a).stream(), List.of(b).stream()).toArray(String[]::new);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
