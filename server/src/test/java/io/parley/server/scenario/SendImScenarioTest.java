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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed flow, as a play: Bob invites Alice with a first message, Alice accepts, they exchange plain
 * and HTML messages, Bob stops messaging. Everything is checked on the wire.
 */
class SendImScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.addUser("alice@example.com", "Alice Archer", "alice-pw");
        server.addUser("bob@example.com", "Bob Baker", "bob-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void bobInvitesAliceAndTheyChatUntilBobStops() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "alice-pw");
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "bob-pw");
        try (UcwaApp aliceApp = alice.availableApp("alice-laptop"); UcwaApp bobApp = bob.availableApp("bob-script")) {
            // Bob invites Alice, with a first message.
            String startMessaging = href(bobApp.application().path("_embedded").path("communication"), "startMessaging");
            Http.Response start = bobApp.post(startMessaging, """
                    {"to":"sip:alice@example.com","subject":"Task Sample","importance":"Normal",
                     "operationId":"op-1","_links":{"message":{"href":"data:text/plain,Hi+Alice"}}}""");
            assertThat(start.status()).isEqualTo(201);
            assertThat(start.body()).isEmpty();
            assertThat(start.header("Content-Type")).isEmpty();
            assertThat(start.header("Location")).get().asString()
                    .startsWith(bobApp.href() + "/communication/messagingInvitations/");

            // Bob's side: started (correlated by operationId), conversation added while connecting.
            UcwaApp.Event started = bobApp.await(is("messagingInvitation", "started"));
            assertThat(started.sender()).isEqualTo("communication");
            assertThat(started.embedded().path("operationId").asText()).isEqualTo("op-1");
            assertThat(started.embedded().path("direction").asText()).isEqualTo("Outgoing");
            assertThat(started.embedded().path("state").asText()).isEqualTo("Connecting");
            assertThat(bobApp.await(is("conversation", "added")).embedded().path("state").asText()).isEqualTo("Connecting");

            // Alice's side: the incoming invitation with accept, decline, the first message and who it is from.
            UcwaApp.Event ringing = aliceApp.await(is("messagingInvitation", "started"));
            JsonNode invitation = ringing.embedded();
            assertThat(invitation.path("direction").asText()).isEqualTo("Incoming");
            assertThat(href(invitation, "message")).isEqualTo("data:text/plain;charset=utf-8,Hi+Alice");
            assertThat(invitation.path("_embedded").path("from").path("uri").asText()).isEqualTo("sip:bob@example.com");
            assertThat(invitation.path("_embedded").path("from").path("name").asText()).isEqualTo("Bob Baker");
            assertThat(aliceApp.await(is("conversation", "added")).embedded().path("state").asText()).isEqualTo("Incoming");

            // Alice accepts.
            Http.Response accept = aliceApp.post(href(invitation, "accept"), "");
            assertThat(accept.status()).isEqualTo(204);
            assertThat(accept.header("Content-Type")).isEmpty();

            // Bob: the invitation completes with Alice as the accepting participant; messaging is connected.
            UcwaApp.Event completed = bobApp.await(is("messagingInvitation", "completed"));
            assertThat(completed.status()).isEqualTo("Success");
            assertThat(completed.embedded().path("state").asText()).isEqualTo("Connected");
            assertThat(completed.embedded().path("_embedded").path("acceptedByParticipant").get(0).path("uri").asText())
                    .isEqualTo("sip:alice@example.com");
            JsonNode bobMessaging = bobApp.await(e -> e.rel().equals("messaging")
                    && e.embedded().path("state").asText().equals("Connected")).embedded();
            String bobSend = href(bobMessaging, "sendMessage");
            assertThat(bobSend).endsWith("/messaging/messages");

            // Alice gets the first message again as an ordinary incoming message.
            UcwaApp.Event first = aliceApp.await(is("message", "completed"));
            assertThat(first.embedded().path("direction").asText()).isEqualTo("Incoming");
            assertThat(href(first.embedded(), "plainMessage")).isEqualTo("data:text/plain;charset=utf-8,Hi+Alice");

            // Bob sends plain text; Alice receives it, Bob's message completes when it was handed to her.
            Http.Response sent = bobApp.postText(bobSend + "?OperationContext=ctx-1", "text/plain; charset=utf-8",
                    "How are you? ✓");
            assertThat(sent.status()).isEqualTo(201);
            String messageHref = sent.header("Location").orElseThrow();
            UcwaApp.Event received = aliceApp.await(e -> e.rel().equals("message")
                    && "Incoming".equals(e.embedded().path("direction").asText())
                    && href(e.embedded(), "plainMessage").contains("How"));
            assertThat(href(received.embedded(), "plainMessage"))
                    .isEqualTo("data:text/plain;charset=utf-8,How+are+you%3F+%E2%9C%93");
            assertThat(received.embedded().path("_links").path("participant").path("title").asText()).isEqualTo("Bob Baker");
            UcwaApp.Event delivered = bobApp.await(e -> e.rel().equals("message") && e.href().equals(messageHref));
            assertThat(delivered.status()).isEqualTo("Success");
            assertThat(delivered.embedded().path("direction").asText()).isEqualTo("Outgoing");
            assertThat(delivered.embedded().path("_links").has("plainMessage")).isFalse();
            assertThat(delivered.embedded().path("operationId").asText()).isEqualTo("ctx-1");

            // Alice answers in HTML (both sides negotiated it); Bob gets htmlMessage and a plain rendering.
            JsonNode aliceMessaging = aliceApp.await(e -> e.rel().equals("messaging")
                    && e.embedded().path("state").asText().equals("Connected")).embedded();
            assertThat(aliceMessaging.path("negotiatedMessageFormats").toString()).contains("Html");
            Http.Response html = aliceApp.postText(href(aliceMessaging, "sendMessage"), "text/html",
                    "<b>Fine</b>, thanks");
            assertThat(html.status()).isEqualTo(201);
            UcwaApp.Event htmlIn = bobApp.await(e -> e.rel().equals("message")
                    && "Incoming".equals(e.embedded().path("direction").asText()));
            assertThat(href(htmlIn.embedded(), "htmlMessage"))
                    .isEqualTo("data:text/html;charset=utf-8,%3Cb%3EFine%3C%2Fb%3E%2C+thanks");
            assertThat(href(htmlIn.embedded(), "plainMessage")).isEqualTo("data:text/plain;charset=utf-8,Fine%2C+thanks");

            // Bob stops messaging; both sides see the conversation end.
            Http.Response stop = bobApp.post(href(bobMessaging, "stopMessaging"), "");
            assertThat(stop.status()).isEqualTo(204);
            for (UcwaApp app : List.of(bobApp, aliceApp)) {
                app.await(e -> e.rel().equals("conversation") && e.type().equals("updated")
                        && e.embedded().path("state").asText().equals("Disconnected"));
                app.await(is("conversation", "deleted"));
            }
            // The ended conversation stays readable, with addMessaging to re-open it.
            String conversation = href(bobMessaging, "conversation");
            Http.Response ended = bobApp.get(conversation);
            assertThat(ended.status()).isEqualTo(200);
            assertThat(ended.json().path("state").asText()).isEqualTo("Disconnected");
            JsonNode messaging = bobApp.get(conversation + "/messaging").json();
            assertThat(messaging.path("state").asText()).isEqualTo("Disconnected");
            assertThat(href(messaging, "addMessaging")).isNotNull();
            assertThat(messaging.path("_links").has("sendMessage")).isFalse();
        }
        // The operator sees it in the metrics (on the admin listener).
        Http.Response metrics = Http.get(server.metricsUrl(), null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("parley_messages_sent_total").contains("parley_store_commits_total")
                .contains("jvm_gc_pause");
    }

    @Test
    void aliceInvitesBobTheOtherWayRound() {
        server.addUser("carol@example.com", "Carol Cole", "carol-pw");
        server.addUser("dave@example.com", "Dave Dunn", "dave-pw");
        UcwaUser carol = UcwaUser.signIn(server, "carol@example.com", "carol-pw");
        UcwaUser dave = UcwaUser.signIn(server, "dave@example.com", "dave-pw");
        try (UcwaApp carolApp = carol.availableApp("c1"); UcwaApp daveApp = dave.availableApp("d1")) {
            String start = href(daveApp.application().path("_embedded").path("communication"), "startMessaging");
            assertThat(daveApp.post(start, "{\"to\":\"carol@example.com\"}").status()).isEqualTo(201);
            JsonNode inv = carolApp.await(is("messagingInvitation", "started")).embedded();
            assertThat(href(inv, "message")).isEqualTo("data:text/plain;charset=utf-8,");
            assertThat(carolApp.post(href(inv, "accept"), "").status()).isEqualTo(204);
            JsonNode m = carolApp.await(e -> e.rel().equals("messaging")
                    && e.embedded().path("state").asText().equals("Connected")).embedded();
            assertThat(carolApp.postText(href(m, "sendMessage"), "text/plain", "hello dave").status()).isEqualTo(201);
            UcwaApp.Event in = daveApp.await(e -> e.rel().equals("message") && e.type().equals("completed")
                    && "Incoming".equals(e.embedded().path("direction").asText()));
            assertThat(href(in.embedded(), "plainMessage")).isEqualTo("data:text/plain;charset=utf-8,hello+dave");
            // Carol ends it by deleting the conversation.
            assertThat(Http.delete(carolApp.url(href(m, "conversation")), carol.token()).status()).isEqualTo(204);
            daveApp.await(e -> e.rel().equals("conversation") && e.type().equals("updated")
                    && e.embedded().path("state").asText().equals("Disconnected"));
        }
    }
}
