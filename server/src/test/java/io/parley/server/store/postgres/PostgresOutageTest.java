package io.parley.server.store.postgres;

import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.store.StoreSettings;
import io.parley.server.support.Http;
import io.parley.server.support.Postgres;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away in the middle of a conversation and comes back: meanwhile every change is refused with a
 * 503 UCWA error (never a success for something not stored) and the server says it is unhealthy; afterwards it
 * has reloaded its state by itself, and the clients go on with the same tokens, applications and acks, with
 * nothing lost and nothing twice.
 */
class PostgresOutageTest {

    @Test
    void changesAreRefusedWhileTheDatabaseIsGoneAndGoOnAfterwards() {
        StoreSettings db = Postgres.newDatabase();
        String name = db.dbUrl().substring(db.dbUrl().lastIndexOf('/') + 1);
        try (TestServer server = TestServer.start(c -> c.withStore(db))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            server.addUser("bob@example.com", "Bob", "b-pw");
            UcwaApp a = UcwaUser.signIn(server, "alice@example.com", "a-pw").availableApp("alice");
            UcwaApp b = UcwaUser.signIn(server, "bob@example.com", "b-pw").availableApp("bob");
            UcwaApp.Connected m = b.connect(a);
            String send = href(m.callerMessaging(), "sendMessage");
            assertThat(b.postText(send + "?operationId=before", "text/plain", "before").status()).isEqualTo(201);
            a.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",before"));

            // The database refuses connections and drops the ones it had (a restart, as clients see it).
            Postgres.admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            Postgres.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            Http.Response refused = b.postText(send + "?operationId=during", "text/plain", "during");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("code").asText()).isEqualTo("ServiceUnavailable");
            assertThat(refused.json().path("subcode").asText()).isEqualTo("StoreUnavailable");
            assertThat(refused.header("Retry-After")).contains("1");
            assertThat(Http.get(server.baseUrl() + "/health", null).status()).isEqualTo(503);
            // Still refused while it is down: the failed change is not kept in memory, nor anything after it.
            assertThat(b.postText(send + "?operationId=during", "text/plain", "during").status()).isEqualTo(503);

            Postgres.admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Http.get(server.baseUrl() + "/health", null).status() == 200);

            // Bob repeats the refused request; both clients go on where they were.
            Http.Response retried = b.postText(send + "?operationId=during", "text/plain", "during");
            assertThat(retried.status()).as(retried.body()).isEqualTo(201);
            assertThat(retried.header("Location").orElseThrow()).endsWith("/messages/2");
            a.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",during"));
            b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/2") && "Success".equals(e.status()));
            assertThat(a.postText(href(m.calleeMessaging(), "sendMessage"), "text/plain", "back").status()).isEqualTo(201);
            b.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",back"));
            assertThat(a.events().stream().filter(e -> e.rel().equals("message")
                    && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",before"))).hasSize(1);
            assertThat(a.events().stream().filter(e -> e.rel().equals("message")
                    && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",during"))).hasSize(1);
            a.close();
            b.close();
        }
    }
}
