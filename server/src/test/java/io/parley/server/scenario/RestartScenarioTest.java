package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A restart in the middle of a conversation loses nothing: the same token, application and ack go on,
 * messages accepted before the restart are delivered exactly once after it, and a package handed out
 * before the restart is handed out again, unchanged, when its ack is retried.
 */
class RestartScenarioTest {

    @Test
    void conversationContinuesAcrossARestart() {
        try (TestServer server = TestServer.start()) {
            Users users = Users.signedIn(server);
            UcwaUser alice = users.alice();
            UcwaApp a = users.a();
            UcwaApp b = users.b();
            UcwaApp.Connected connected = b.connect(a);
            String bobSend = href(connected.callerMessaging(), "sendMessage");
            String aliceSend = href(connected.calleeMessaging(), "sendMessage");

            // Alice stops reading; Bob sends three messages, each acknowledged with 201.
            a.stopPolling();
            for (String text : List.of("one", "two", "three")) {
                assertThat(b.postText(bobSend, "text/plain", text).status()).isEqualTo(201);
            }
            // Alice fetches one package and "loses" the answer.
            String ack = a.eventsUrl();
            String lostAnswer = Http.get(a.url(ack), alice.token()).body();
            assertThat(lostAnswer).contains("one");

            server.restart();

            // The retried ack gets the same package; then Alice goes on polling as before.
            assertThat(Http.get(a.url(ack), alice.token()).body()).isEqualTo(lostAnswer);
            a.startPolling();
            a.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage").endsWith(",three"));
            // Bob's messages were confirmed, each once.
            b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/3") && "Success".equals(e.status()));
            // The conversation goes on in both directions with the old token and application.
            Http.Response after = a.postText(aliceSend, "text/plain", "after the restart");
            assertThat(after.status()).isEqualTo(201);
            // Numbering goes on after the restart (Alice's side held messages 1-3): nothing is overwritten.
            assertThat(after.header("Location").orElseThrow()).endsWith("/messages/4");
            b.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage") != null
                    && href(e.embedded(), "plainMessage").endsWith("after+the+restart"));
            List<String> texts = a.events().stream()
                    .filter(e -> e.rel().equals("message") && "Incoming".equals(e.embedded().path("direction").asText()))
                    .map(e -> href(e.embedded(), "plainMessage")).toList();
            assertThat(texts).containsExactly("data:text/plain;charset=utf-8,one", "data:text/plain;charset=utf-8,two",
                    "data:text/plain;charset=utf-8,three");
            a.close();
            b.close();
        }
    }

    /**
     * A poll that only acknowledges a package is not written at once (docs/architecture.md): after a restart the
     * store still holds that package as retained. The client's next poll acknowledges it again, nothing is
     * delivered twice, and its events are deleted from the store all the same.
     */
    @Test
    void anAcknowledgementNotYetStoredIsRepeatedByTheNextPollAfterARestart() throws Exception {
        try (TestServer server = TestServer.start()) {
            Users users = Users.signedIn(server);
            UcwaUser alice = users.alice();
            UcwaApp a = users.a();
            UcwaApp b = users.b();
            String bobSend = href(b.connect(a).callerMessaging(), "sendMessage");
            a.stopPolling();

            assertThat(b.postText(bobSend, "text/plain", "before").status()).isEqualTo(201);
            JsonNode carrying = Http.get(a.url(a.eventsUrl()), alice.token()).json();
            assertThat(carrying.toString()).contains("before");
            String next = carrying.path("_links").path("next").path("href").asText();
            // Alice's poll for the next ack acknowledges that package and parks; Bob's message is then delivered.
            Thread parked = Thread.ofVirtual().start(() -> {
                try {
                    Http.get(a.url(next), alice.token());
                } catch (RuntimeException ignored) {
                    // the restart below ends this poll
                }
            });
            b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/1") && "Success".equals(e.status()));
            assertThat(storedEventsContaining(server, "before")).as("the acknowledgement is not written yet").isEqualTo(1);

            server.restart();
            parked.join(10_000);

            // The same next ack goes on from there: no resync, and the acknowledged message does not come back.
            JsonNode afterRestart = Http.get(a.url(next), alice.token()).json();
            assertThat(afterRestart.path("_links").has("resync")).isFalse();
            assertThat(afterRestart.toString()).doesNotContain("before");
            assertThat(b.postText(bobSend, "text/plain", "after").status()).isEqualTo(201);
            String ack = afterRestart.path("_links").path("next").path("href").asText();
            JsonNode later = Http.get(a.url(ack), alice.token()).json();
            while (!later.toString().contains("after")) {
                assertThat(later.toString()).doesNotContain("before");
                ack = later.path("_links").path("next").path("href").asText();
                later = Http.get(a.url(ack), alice.token()).json();
            }
            assertThat(later.toString()).doesNotContain("before");
            // Acknowledging the package with message 2 delivers it; by then Bob's channel has had every event.
            String acknowledging = a.url(later.path("_links").path("next").path("href").asText());
            Thread.ofVirtual().start(() -> Http.get(acknowledging, alice.token()));
            b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/2") && "Success".equals(e.status()));
            // Delivered once: one Success for message 1, though its package was acknowledged twice.
            assertThat(b.events().stream().filter(e -> e.rel().equals("message") && e.href().endsWith("/messages/1")
                    && "Success".equals(e.status()))).hasSize(1);
            // The acknowledged package's events are gone from the store, not left behind.
            assertThat(storedEventsContaining(server, "before")).isZero();
            a.close();
            b.close();
        }
    }

    private static int storedEventsContaining(TestServer server, String text) throws SQLException {
        try (Connection c = server.connectToStore();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM events WHERE body LIKE ?")) {
            ps.setString(1, "%" + text + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Alice and Bob, signed in, each with an available application that polls its event channel. */
    private record Users(UcwaUser alice, UcwaApp a, UcwaApp b) {
        static Users signedIn(TestServer server) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            server.addUser("bob@example.com", "Bob", "b-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
            return new Users(alice, alice.availableApp("alice"), bob.availableApp("bob"));
        }
    }
}
