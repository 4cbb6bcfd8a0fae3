package io.parley.server.scenario;

import static io.parley.server.support.PathParity.javalinSpelling;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.support.Http;
import io.parley.server.support.PathParity;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event channel has two HTTP paths: the exact spelling of {@code .../applications/{app}/events} with a valid
 * token is served on Jetty directly, any other spelling (here: {@code /UCWA/...}, which clients do send) by the
 * Javalin route. Whichever path a poll takes, the client must see the same answer.
 */
class EventChannelPathsScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.addUser("alice@example.com", "Alice", "a-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Http.Response poll(UcwaUser user, String href) {
        return Http.get(server.baseUrl() + href, user.token());
    }

    private static void assertSameAnswer(Http.Response fast, Http.Response javalin) {
        PathParity.assertSameAnswer(fast, javalin, "Content-Type", "Cache-Control", "WWW-Authenticate");
    }

    @Test
    void packagesRetriesAndResyncsAreTheSameOnBothPaths() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("paths");
        app.makeMeAvailable("Plain");
        String first = href(app.application(), "events");

        // Package 1 through the fast path; its retry through the Javalin route is the same, byte for byte.
        Http.Response one = poll(alice, first);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("sender")).isNotEmpty();
        assertThat(one.header("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(one.header("Cache-Control")).contains("no-cache");
        assertSameAnswer(one, poll(alice, javalinSpelling(first)));

        // Out of range: a resync, the same on both.
        String base = first.substring(0, first.indexOf("?ack="));
        assertSameAnswer(poll(alice, base + "?ack=99"), poll(alice, javalinSpelling(base) + "?ack=99"));

        // Following next through Javalin acknowledges package 1 for both paths: a note's event then arrives on the
        // fast path's next poll, and the empty answer after it (timeout 2 s in tests) looks the same on both.
        String next = href(one.json(), "next");
        Http.Response two = poll(alice, javalinSpelling(next));
        assertThat(two.status()).isEqualTo(200);
        assertSameAnswer(poll(alice, first), poll(alice, javalinSpelling(first))); // both: resync to next
        String note = href(app.application().path("_embedded").path("me"), "note");
        assertThat(app.post(note, "{\"message\":\"both ways\"}").status()).isEqualTo(204);
        Http.Response three = poll(alice, href(two.json(), "next"));
        assertThat(three.body()).contains("\"rel\":\"note\"");
        // An escaped ack (%33 is 3) is read as the number: the retry gets package 3 again.
        String self = href(three.json(), "self");
        assertThat(self).endsWith("?ack=3");
        assertThat(poll(alice, self.replace("?ack=3", "?ack=%33")).body()).isEqualTo(three.body());
    }

    @Test
    void errorsAreTheSameOnBothPaths() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("paths-errors");
        String events = href(app.application(), "events");
        String base = events.substring(0, events.indexOf("?ack="));
        String unknown = "/ucwa/oauth/v1/applications/no-such-app/events?ack=1";

        for (String href : new String[] {base + "?ack=x", base + "?ack=1&timeout=soon", base + "?ack=1&medium=1.5",
                unknown}) {
            Http.Response fast = poll(alice, href);
            assertThat(fast.status()).as(href).isIn(400, 404);
            assertThat(fast.json().path("code").asText()).as(href).isIn("BadRequest", "NotFound");
            assertSameAnswer(fast, poll(alice, javalinSpelling(href)));
        }
        // No token, or an unknown one: both paths answer with the MsRtcOAuth challenge (the fast path passes these on).
        for (String token : new String[] {null, "not-a-token"}) {
            Http.Response fast = Http.get(server.baseUrl() + events, token);
            assertThat(fast.status()).isEqualTo(401);
            assertThat(fast.headerValues("WWW-Authenticate")).anyMatch(h -> h.startsWith("MsRtcOAuth href="));
            assertSameAnswer(fast, Http.get(server.baseUrl() + javalinSpelling(events), token));
        }
        // A deleted application: its events answer the same on both.
        assertThat(Http.send("DELETE", server.baseUrl() + app.href(), alice.token(), null, null).status()).isEqualTo(204);
        Http.Response gone = poll(alice, events);
        assertThat(gone.status()).isIn(404, 410);
        assertSameAnswer(gone, poll(alice, javalinSpelling(events)));
    }
}
