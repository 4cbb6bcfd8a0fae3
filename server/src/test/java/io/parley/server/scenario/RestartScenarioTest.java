package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
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
            server.addUser("alice@example.com", "Alice", "a-pw");
            server.addUser("bob@example.com", "Bob", "b-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
            UcwaApp a = alice.availableApp("alice");
            UcwaApp b = bob.availableApp("bob");
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
}
