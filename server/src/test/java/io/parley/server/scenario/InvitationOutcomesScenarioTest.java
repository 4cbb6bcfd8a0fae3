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
 * How an invitation can end besides acceptance: declined, unanswered, an unknown or unreachable callee,
 * cancelled by the caller, and a callee with two endpoints where the first accept wins. In every failure
 * the caller's conversation ends Disconnected (COMPAT: scripts wait for exactly that).
 */
class InvitationOutcomesScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        for (String name : new String[] {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hank", "ivy", "jack"}) {
            server.addUser(name + "@example.com", name.substring(0, 1).toUpperCase() + name.substring(1), name + "-pw");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static UcwaUser user(String name) {
        return UcwaUser.signIn(server, name + "@example.com", name + "-pw");
    }

    private static void invite(UcwaApp from, String to) {
        String start = href(from.application().path("_embedded").path("communication"), "startMessaging");
        Http.Response r = from.post(start, "{\"to\":\"sip:" + to + "\",\"operationId\":\"op-" + to + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static void assertCallerEnded(UcwaApp caller, String subcode) {
        UcwaApp.Event done = caller.await(is("messagingInvitation", "completed"));
        assertThat(done.status()).isEqualTo("Failure");
        assertThat(done.body().path("reason").path("subcode").asText()).isEqualTo(subcode);
        assertThat(done.embedded().path("_links").has("cancel")).isFalse();
        caller.await(e -> e.rel().equals("conversation") && e.type().equals("updated")
                && e.embedded().path("state").asText().equals("Disconnected"));
    }

    @Test
    void declinedInvitationFailsForTheCaller() {
        try (UcwaApp alice = user("alice").availableApp("a"); UcwaApp bob = user("bob").availableApp("b")) {
            invite(bob, "alice@example.com");
            JsonNode inv = alice.await(is("messagingInvitation", "started")).embedded();
            assertThat(alice.post(href(inv, "decline"), "{\"reason\":\"Global\"}").status()).isEqualTo(204);
            assertCallerEnded(bob, "Declined");
            UcwaApp.Event aliceDone = alice.await(is("messagingInvitation", "completed"));
            assertThat(aliceDone.embedded().path("state").asText()).isEqualTo("Declined");
            assertThat(aliceDone.embedded().path("_links").has("accept")).isFalse();
            // Accepting after declining is refused with a UCWA error.
            Http.Response late = alice.post(href(inv, "accept"), "");
            assertThat(late.status()).isEqualTo(409);
            assertThat(late.json().path("code").asText()).isEqualTo("Conflict");
        }
    }

    @Test
    void unansweredInvitationTimesOut() {
        try (UcwaApp carol = user("carol").availableApp("c"); UcwaApp dave = user("dave").availableApp("d")) {
            invite(dave, "carol@example.com");
            carol.await(is("messagingInvitation", "started"));
            // Nobody answers: after the invitation timeout (3 s in tests) both sides are told.
            assertCallerEnded(dave, "Timeout");
            UcwaApp.Event missed = carol.await(is("messagingInvitation", "completed"), Duration.ofSeconds(10));
            assertThat(missed.status()).isEqualTo("Failure");
            carol.await(is("conversation", "deleted"));
        }
    }

    @Test
    void unknownCalleeFailsAtOnce() {
        try (UcwaApp erin = user("erin").availableApp("e")) {
            invite(erin, "nobody@example.com");
            assertCallerEnded(erin, "DestinationNotFound");
        }
    }

    @Test
    void calleeWithoutAvailableApplicationIsUnreachable() {
        UcwaUser frank = user("frank");
        UcwaApp lurker = frank.createApp("no-makeMeAvailable"); // exists, but never made itself available
        try (UcwaApp gina = user("gina").availableApp("g")) {
            invite(gina, "frank@example.com");
            assertCallerEnded(gina, "Unreachable");
        }
        assertThat(lurker.href()).isNotNull();
    }

    @Test
    void firstAcceptWinsWhenTheCalleeHasTwoEndpoints() {
        UcwaUser hank = user("hank");
        try (UcwaApp phone = hank.availableApp("hank-phone"); UcwaApp laptop = hank.availableApp("hank-laptop");
             UcwaApp ivy = user("ivy").availableApp("ivy")) {
            invite(ivy, "hank@example.com");
            JsonNode onPhone = phone.await(is("messagingInvitation", "started")).embedded();
            JsonNode onLaptop = laptop.await(is("messagingInvitation", "started")).embedded();
            assertThat(laptop.post(href(onLaptop, "accept"), "").status()).isEqualTo(204);
            // Accept is idempotent for the winner...
            assertThat(laptop.post(href(onLaptop, "accept"), "").status()).isEqualTo(204);
            // ...the other endpoint's invitation completes with a failure, and its accept is refused.
            UcwaApp.Event lost = phone.await(is("messagingInvitation", "completed"));
            assertThat(lost.status()).isEqualTo("Failure");
            assertThat(lost.body().path("reason").path("subcode").asText()).isEqualTo("ConnectedElsewhere");
            assertThat(phone.post(href(onPhone, "accept"), "").status()).isEqualTo(409);
            // Ivy talks to the laptop.
            UcwaApp.Event ok = ivy.await(is("messagingInvitation", "completed"));
            assertThat(ok.status()).isEqualTo("Success");
            JsonNode m = ivy.await(e -> e.rel().equals("messaging") && e.embedded().path("state").asText().equals("Connected"))
                    .embedded();
            assertThat(ivy.postText(href(m, "sendMessage"), "text/plain", "which device?").status()).isEqualTo(201);
            laptop.await(e -> e.rel().equals("message") && "Incoming".equals(e.embedded().path("direction").asText()));
            assertThat(phone.events()).noneMatch(e -> e.rel().equals("message"));
        }
    }

    @Test
    void callerCancelsBeforeAnAnswer() {
        try (UcwaApp jack = user("jack").availableApp("j"); UcwaApp alice = user("alice").availableApp("a2")) {
            invite(jack, "alice@example.com");
            JsonNode started = jack.await(is("messagingInvitation", "started")).embedded();
            alice.await(is("messagingInvitation", "started"));
            assertThat(jack.post(href(started, "cancel"), "").status()).isEqualTo(204);
            UcwaApp.Event cancelled = jack.await(is("messagingInvitation", "completed"));
            assertThat(cancelled.embedded().path("state").asText()).isEqualTo("Cancelled");
            UcwaApp.Event gone = alice.await(is("messagingInvitation", "completed"));
            assertThat(gone.body().path("reason").path("subcode").asText()).isEqualTo("Canceled");
        }
    }
}
