package io.parley.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.store.Store;
import io.parley.server.store.StoreSettings;
import io.parley.server.support.Http;
import io.parley.server.support.Postgres;
import io.parley.server.support.TestServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A server on PostgreSQL holds the database through an advisory lock on its control session, and {@code /health}
 * tells a load balancer whether it still does: a lost session is taken again by itself, and a lock that another
 * server took in the meantime makes this one unhealthy until that server is gone.
 */
class ServerLockTest {

    @Test
    void healthFollowsTheServerLock() {
        StoreSettings db = Postgres.newDatabase().withNodeId("first");
        try (TestServer server = TestServer.start(c -> c.withStore(db))) {
            String health = server.baseUrl() + "/health";
            assertThat(Http.get(health, null).status()).isEqualTo(200);

            // PostgreSQL drops the control session (a restart, a network cut): the lock goes with it, and the
            // server takes it again when asked.
            terminateControlSession(db);
            assertThat(Http.get(health, null).status()).isEqualTo(200);
            assertThat(controlSessions(db)).isEqualTo(1);

            // Dropped again, and another server is quicker: this one must not claim the database any more.
            terminateControlSession(db);
            try (Store other = Store.open(db.withNodeId("second"), true)) {
                Http.Response down = Http.get(health, null);
                assertThat(down.status()).isEqualTo(503);
                assertThat(down.header("Retry-After")).contains("1");
                assertThat(down.json().path("code").asText()).isEqualTo("ServiceUnavailable");
            }
            // The other server stopped: the lock is free, and this one takes it back within about a second.
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Http.get(health, null).status() == 200);
        }
    }

    private static void terminateControlSession(StoreSettings db) {
        Postgres.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database(db)
                + "' AND application_name LIKE '% control'");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> controlSessions(db) == 0);
    }

    private static int controlSessions(StoreSettings db) {
        try (var c = Postgres.server().getPostgresDatabase().getConnection();
             var ps = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? "
                     + "AND application_name LIKE '% control'")) {
            ps.setString(1, database(db));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String database(StoreSettings db) {
        return db.dbUrl().substring(db.dbUrl().lastIndexOf('/') + 1);
    }
}
