package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inside a connected conversation: typing that lapses by itself, a message nobody fetches (the sender is
 * told it failed), HTML only when both sides negotiated it, and addMessaging to re-open IM.
 */
class MessagingScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        for (String n : new String[] {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank"}) {
            server.addUser(n + "@example.com", n, n + "-pw");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Connects caller to callee; returns {caller messaging, callee messaging}. */
    private static JsonNode[] connect(UcwaApp caller, UcwaApp callee) {
        UcwaApp.Connected c = caller.connect(callee);
        return new JsonNode[] {c.callerMessaging(), c.calleeMessaging()};
    }

    private static UcwaUser user(String n) {
        return UcwaUser.signIn(server, n + "@example.com", n + "-pw");
    }

    @Test
    void typingShowsUpAndLapsesByItself() {
        try (UcwaApp a = user("alice").availableApp("a"); UcwaApp b = user("bob").availableApp("b")) {
            JsonNode[] m = connect(b, a);
            assertThat(b.post(href(m[0], "setIsTyping"), "").status()).isEqualTo(204);
            UcwaApp.Event typing = a.await(e -> e.rel().equals("participant") && e.type().equals("added")
                    && e.body().path("in").path("rel").asText().equals("typingParticipants"));
            assertThat(typing.href()).endsWith("/participants/bob@example.com");
            JsonNode list = a.get(href(m[1], "typingParticipants")).json();
            assertThat(list.path("_links").path("participant")).hasSize(1);
            // Not refreshed: Bob is no longer typing after the typing timeout (2 s in tests).
            a.await(e -> e.rel().equals("participant") && e.type().equals("deleted")
                    && e.body().path("in").path("rel").asText().equals("typingParticipants"), Duration.ofSeconds(10));
            assertThat(a.get(href(m[1], "typingParticipants")).json().path("_links").path("participant")).isEmpty();
        }
    }

    @Test
    void unfetchedMessageFailsForTheSender() {
        try (UcwaApp c = user("carol").availableApp("c"); UcwaApp d = user("dave").availableApp("d")) {
            JsonNode[] m = connect(d, c);
            c.stopPolling(); // Carol's client hangs
            Http.Response sent = d.postText(href(m[0], "sendMessage"), "text/plain", "are you there?");
            String message = sent.header("Location").orElseThrow();
            UcwaApp.Event failed = d.await(e -> e.rel().equals("message") && e.href().equals(message), Duration.ofSeconds(10));
            assertThat(failed.status()).isEqualTo("Failure");
            assertThat(failed.embedded().path("_links").path("failedDeliveryParticipant").isArray()).isTrue();
            assertThat(href(failed.embedded(), "failedDeliveryParticipant")).endsWith("/participants/carol@example.com");
            assertThat(d.get(message).json().path("status").asText()).isEqualTo("Failed");
        }
    }

    @Test
    void aRepeatedSendMessageIsSentOnceAndAnsweredAgain() {
        try (UcwaApp g = user("gina").availableApp("g"); UcwaApp h = user("hank").availableApp("h")) {
            JsonNode[] m = connect(h, g);
            String send = href(m[0], "sendMessage");
            // The client's retry after a lost answer (or a lost node): same operationId, same text.
            Http.Response first = h.postText(send + "?operationId=op-7", "text/plain", "deploy done");
            Http.Response retry = h.postText(send + "?operationId=op-7", "text/plain", "deploy done");
            assertThat(first.status()).isEqualTo(201);
            assertThat(retry.status()).isEqualTo(201);
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            // A client that reuses one operationId for everything still gets each new text sent.
            Http.Response other = h.postText(send + "?operationId=op-7", "text/plain", "rollback done");
            assertThat(other.header("Location").orElseThrow()).endsWith("/messages/2");
            g.await(e -> e.rel().equals("message") && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",rollback+done"));
            assertThat(g.events().stream().filter(e -> e.rel().equals("message")
                    && String.valueOf(href(e.embedded(), "plainMessage")).endsWith(",deploy+done"))).hasSize(1);
        }
    }

    @Test
    void htmlNeedsBothSidesAndPlainAlwaysWorks() {
        UcwaUser erin = user("erin");
        UcwaApp plainOnly = erin.createApp("plain-only");
        plainOnly.makeMeAvailable("Plain");
        plainOnly.startPolling();
        try (plainOnly; UcwaApp f = user("frank").availableApp("f")) {
            JsonNode[] m = connect(f, plainOnly);
            assertThat(m[0].path("negotiatedMessageFormats").toString()).doesNotContain("Html");
            Http.Response html = f.postText(href(m[0], "sendMessage"), "text/html", "<b>hi</b>");
            assertThat(html.status()).isEqualTo(415);
            assertThat(html.json().path("subcode").asText()).isEqualTo("HtmlNotNegotiated");
            // COMPAT: a POST to an existing message's own href is a send in that conversation.
            Http.Response plain = f.postText(href(m[0], "sendMessage"), "text/plain", "hi");
            assertThat(plain.status()).isEqualTo(201);
            Http.Response viaMessageHref = f.postText(plain.header("Location").orElseThrow(), "text/plain; charset=UTF-8", "again");
            assertThat(viaMessageHref.status()).isEqualTo(201);
            plainOnly.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage").endsWith(",again"));
        }
    }

    @Test
    void addMessagingReopensAnEndedConversation() {
        try (UcwaApp a = user("alice").availableApp("a-re"); UcwaApp b = user("bob").availableApp("b-re")) {
            JsonNode[] m = connect(b, a);
            assertThat(b.post(href(m[0], "stopMessaging"), "").status()).isEqualTo(204);
            String conversation = href(m[0], "conversation");
            b.await(e -> e.rel().equals("messaging") && e.embedded().path("state").asText().equals("Disconnected"));
            // Sending now is refused: messaging is not connected.
            assertThat(b.postText(href(m[0], "sendMessage"), "text/plain", "late").status()).isEqualTo(409);
            String addMessaging = href(b.get(conversation + "/messaging").json(), "addMessaging");
            Http.Response again = b.post(addMessaging, "{\"operationId\":\"re\",\"_links\":{\"message\":{\"href\":\"data:text/plain,back\"}}}");
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Location").orElseThrow()).contains("/messagingInvitations/");
            JsonNode inv = a.await(e -> e.rel().equals("messagingInvitation") && e.type().equals("started")
                    && href(e.embedded(), "message").endsWith(",back")).embedded();
            assertThat(a.post(href(inv, "accept"), "").status()).isEqualTo(204);
            b.await(e -> e.rel().equals("messagingInvitation") && e.type().equals("completed")
                    && "re".equals(e.embedded().path("operationId").asText()) && "Success".equals(e.status()));
            assertThat(b.get(conversation).json().path("state").asText()).isEqualTo("Connected");
        }
    }
}
