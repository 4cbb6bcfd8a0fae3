package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.core.auth.PasswordHasher;
import io.parley.server.core.auth.User;
import io.parley.server.store.Store;
import io.parley.server.store.StoreSettings;
import io.parley.server.support.Http;
import io.parley.server.support.ServerMain;
import io.parley.server.support.TestServer;
import io.parley.server.support.TestStores;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server is killed with SIGKILL (no shutdown hook, no clean close) in the middle of a conversation,
 * in a separate process, and started again on the same data directory: everything a client got a success
 * for is still there, and no event is lost or delivered twice.
 */
class KillNineScenarioTest {

    @Test
    void killedServerLosesNothing(@TempDir Path data) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StoreSettings storeSettings = TestStores.newStore(data);
        try (Store store = Store.open(storeSettings, false)) {
            var users = store.users();
            users.save(new User("alice@example.com", "Alice", new PasswordHasher().hash("a-pw")));
            users.save(new User("bob@example.com", "Bob", new PasswordHasher().hash("b-pw")));
        }
        Process first = launch(port, storeSettings);
        ProcessServer server = new ProcessServer(port);
        UcwaApp a = null;
        UcwaApp b = null;
        Process second = null;
        try {
            UcwaUser alice = UcwaUser.signIn(server.asTestServer(), "alice@example.com", "a-pw");
            UcwaUser bob = UcwaUser.signIn(server.asTestServer(), "bob@example.com", "b-pw");
            a = alice.availableApp("alice");
            b = bob.availableApp("bob");
            String bobSend = href(b.connect(a).callerMessaging(), "sendMessage");
            a.stopPolling();
            List<String> sent = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                assertThat(b.postText(bobSend, "text/plain", "m" + i).status()).isEqualTo(201);
                sent.add("data:text/plain;charset=utf-8,m" + i);
            }

            first.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
            second = launch(port, storeSettings);

            a.startPolling();
            a.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage").endsWith(",m20"));
            List<String> received = a.events().stream()
                    .filter(e -> e.rel().equals("message") && "Incoming".equals(e.embedded().path("direction").asText()))
                    .map(e -> href(e.embedded(), "plainMessage")).toList();
            assertThat(received).containsExactlyElementsOf(sent);
            b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/20") && "Success".equals(e.status()));
            // Same token and application still work after the crash.
            assertThat(Http.get(b.url(b.href()), bob.token()).status()).isEqualTo(200);
        } finally {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Process launch(int port, StoreSettings store) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ServerMain.class.getName(), String.valueOf(port), TestStores.argument(store))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY")) {
                break;
            }
        }
        Thread.ofVirtual().start(() -> out.lines().forEach(l -> { }));
        assertThat(p.isAlive()).as("server process started").isTrue();
        return p;
    }

    /** The test helpers want a TestServer for its base URL; this one points at the child process. */
    private record ProcessServer(int port) {
        TestServer asTestServer() {
            return TestServer.external("http://127.0.0.1:" + port);
        }
    }
}
