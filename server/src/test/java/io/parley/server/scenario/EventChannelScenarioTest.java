package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event channel over raw HTTP (protocol sheet §5): ack and next, the same package for a retried ack,
 * resync only for an ack out of range, an older parked poll released with 409 PGetReplaced, empty answers
 * with {@code "sender": []}, and order preserved across packages.
 */
class EventChannelScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.addUser("alice@example.com", "Alice", "a-pw");
        server.addUser("bob@example.com", "Bob", "b-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response poll(UcwaUser user, String href) {
        return Http.get(server.baseUrl() + href, user.token());
    }

    @Test
    void emptyAnswerCarriesSelfNextAndAnEmptySenderList() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("empty");
        String events = href(app.application(), "events");
        assertThat(events).endsWith("/events?ack=1");
        Http.Response r = poll(alice, events);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        JsonNode page = r.json();
        assertThat(href(page, "self")).isEqualTo(events);
        assertThat(href(page, "next")).endsWith("/events?ack=2");
        assertThat(page.path("sender").isArray()).isTrue();
        assertThat(page.path("sender")).isEmpty();
    }

    @Test
    void retriedAckGetsTheSamePackageAndOutOfRangeGetsResync() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("retry");
        app.makeMeAvailable("Plain");
        String first = href(app.application(), "events");
        // A queued event answers the poll at once.
        Http.Response one = poll(alice, first);
        assertThat(one.json().path("sender")).isNotEmpty();
        // The answer was lost: the same URL gets the same package again, byte for byte.
        Http.Response again = poll(alice, first);
        assertThat(again.body()).isEqualTo(one.body());
        // An ack that is neither the retained package nor the next one: resync only, to the first unacknowledged.
        String base = first.substring(0, first.indexOf("?ack="));
        for (String bad : List.of("?ack=99", "?ack=0", "?ack=-4")) {
            JsonNode resync = poll(alice, base + bad).json();
            assertThat(resync.path("_links").fieldNames()).toIterable().containsExactly("resync");
            assertThat(href(resync, "resync")).isEqualTo(first);
        }
        // Following next acknowledges package 1; from then on ack=1 is out of range.
        String next = href(one.json(), "next");
        assertThat(poll(alice, next).status()).isEqualTo(200);
        assertThat(href(poll(alice, first).json(), "resync")).isEqualTo(next);
    }

    @Test
    void newerPollReplacesTheParkedOne() throws Exception {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("replaced");
        app.makeMeAvailable("Plain");
        JsonNode first = poll(alice, href(app.application(), "events")).json();
        String next = href(first, "next") + "&timeout=30";
        CompletableFuture<Http.Response> older = CompletableFuture.supplyAsync(() -> poll(alice, next));
        Thread.sleep(1000); // let the first poll park (a wide margin: CI machines can be slow)
        CompletableFuture<Http.Response> newer = CompletableFuture.supplyAsync(() -> poll(alice, next));
        Http.Response replaced = older.get();
        assertThat(replaced.status()).isEqualTo(409);
        assertThat(replaced.json().path("code").asText()).isEqualTo("Conflict");
        assertThat(replaced.json().path("subcode").asText()).isEqualTo("PGetReplaced");
        // The newer poll is still waiting, and gets the next event.
        assertThat(newer).isNotDone();
        String note = href(app.application().path("_embedded").path("me"), "note");
        assertThat(app.post(note, "{\"message\":\"back soon\"}").status()).isEqualTo(204);
        Http.Response answer = newer.get();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"rel\":\"note\"");
    }

    @Test
    void mediumEventsWaitAndGoOutTogether() throws Exception {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("medium");
        app.makeMeAvailable("Plain");
        JsonNode first = poll(alice, href(app.application(), "events")).json();
        // medium=3: medium events may wait up to 3 s so that several share one answer (remembered after).
        String next = href(first, "next") + "&medium=3";
        CompletableFuture<Http.Response> parked = CompletableFuture.supplyAsync(() -> poll(alice, next));
        Thread.sleep(300);
        String note = href(app.application().path("_embedded").path("me"), "note");
        for (int i = 1; i <= 3; i++) {
            assertThat(app.post(note, "{\"message\":\"note " + i + "\"}").status()).isEqualTo(204);
        }
        Http.Response answer = parked.get();
        assertThat(answer.body().split("\"rel\":\"note\"", -1)).hasSize(4); // three note events, one answer
    }

    @Test
    void aHighEventReleasesTheMediumOnesQueuedBeforeIt() throws Exception {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
        UcwaApp app = alice.createApp("high-releases");
        app.makeMeAvailable("Plain");
        JsonNode first = poll(alice, href(app.application(), "events")).json();
        String next = href(first, "next") + "&medium=60&timeout=60";
        CompletableFuture<Http.Response> parked = CompletableFuture.supplyAsync(() -> poll(alice, next));
        Thread.sleep(300);
        String note = href(app.application().path("_embedded").path("me"), "note");
        assertThat(app.post(note, "{\"message\":\"in a meeting\"}").status()).isEqualTo(204);
        UcwaApp caller = bob.createApp("caller-of-alice");
        String start = href(caller.application().path("_embedded").path("communication"), "startMessaging");
        assertThat(caller.post(start, "{\"to\":\"sip:alice@example.com\"}").status()).isEqualTo(201);
        Http.Response answer = parked.get(20, java.util.concurrent.TimeUnit.SECONDS); // long before 60 s
        String body = answer.body();
        assertThat(body).contains("\"rel\":\"note\"").contains("\"rel\":\"messagingInvitation\"");
        assertThat(body.indexOf("\"rel\":\"note\"")).isLessThan(body.indexOf("\"rel\":\"messagingInvitation\""));
    }

    @Test
    void eventsKeepTheirOrderAcrossPackages() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
        try (UcwaApp a = alice.availableApp("order-a"); UcwaApp b = bob.availableApp("order-b")) {
            JsonNode m = b.connect(a).callerMessaging();
            int count = 60;
            for (int i = 1; i <= count; i++) {
                assertThat(b.postText(href(m, "sendMessage"), "text/plain", "n" + i).status()).isEqualTo(201);
            }
            a.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage").endsWith(",n" + count));
            List<String> received = new ArrayList<>();
            for (UcwaApp.Event e : a.events()) {
                if (e.rel().equals("message") && "Incoming".equals(e.embedded().path("direction").asText())) {
                    String uri = href(e.embedded(), "plainMessage");
                    received.add(uri.substring(uri.indexOf(',') + 1));
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                expected.add("n" + i);
            }
            assertThat(received).containsExactlyElementsOf(expected);
            // Every sent message was confirmed to Bob exactly once.
            b.await(e -> e.rel().equals("message") && e.href().endsWith("/messages/" + count) && "Success".equals(e.status()));
            long confirmations = b.events().stream().filter(e -> e.rel().equals("message") && "Success".equals(e.status()))
                    .map(UcwaApp.Event::href).distinct().count();
            assertThat(confirmations).isEqualTo(count);
        }
    }

    @Test
    void senderBlocksRepeatToKeepTheGlobalOrder() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
        try (UcwaApp a = alice.availableApp("blocks-a"); UcwaApp b = bob.availableApp("blocks-b")) {
            b.stopPolling();
            String start = href(b.application().path("_embedded").path("communication"), "startMessaging");
            assertThat(b.post(start, "{\"to\":\"sip:alice@example.com\"}").status()).isEqualTo(201);
            JsonNode inv = a.await(is("messagingInvitation", "started")).embedded();
            assertThat(a.post(href(inv, "accept"), "").status()).isEqualTo(204);
            // Bob polls (following next past any package his stopped poller left retained): invitation,
            // conversation and messaging events of two senders, interleaved.
            JsonNode page = poll(bob, b.eventsUrl()).json();
            for (int i = 0; i < 5 && !page.toString().contains("\"messagingInvitation\""); i++) {
                page = poll(bob, href(page, "next")).json();
            }
            List<String> senders = new ArrayList<>();
            page.path("sender").forEach(s -> senders.add(s.path("rel").asText()));
            assertThat(senders).containsSubsequence("communication", "conversation", "communication");
            for (int i = 1; i < senders.size(); i++) {
                assertThat(senders.get(i)).isNotEqualTo(senders.get(i - 1));
            }
        }
    }
}
