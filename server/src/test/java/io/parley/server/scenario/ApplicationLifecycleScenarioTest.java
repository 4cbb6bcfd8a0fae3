package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.core.application.ApplicationLimits;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Applications come and go: DELETE signs an endpoint out and ends its conversations; an application
 * whose event channel goes quiet expires (410 InactiveApplicationExpired); a user has a limit; the same
 * endpointId gets the same application back.
 */
class ApplicationLifecycleScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.withApplications(
                new ApplicationLimits(3, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofHours(1))));
        for (String n : new String[] {"alice", "bob", "carol", "dave", "erin"}) {
            server.addUser(n + "@example.com", n, n + "-pw");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static UcwaUser user(String n) {
        return UcwaUser.signIn(server, n + "@example.com", n + "-pw");
    }

    @Test
    void sameEndpointGetsTheSameApplicationAndTheLimitHolds() {
        UcwaUser carol = user("erin");
        UcwaApp first = carol.createApp("desk");
        Http.Response again = Http.postJson(carol.applicationsUrl(), carol.token(),
                "{\"userAgent\":\"x\",\"endpointId\":\"desk\",\"culture\":\"en-US\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(href(again.json(), "self")).isEqualTo(first.href());
        // A script that signs in again reads the Location either way (the README's curl walkthrough does).
        assertThat(again.header("Location")).contains(first.href());
        carol.createApp("phone");
        carol.createApp("tablet");
        Http.Response tooMany = Http.postJson(carol.applicationsUrl(), carol.token(),
                "{\"userAgent\":\"x\",\"endpointId\":\"watch\",\"culture\":\"en-US\"}");
        assertThat(tooMany.status()).isEqualTo(410);
        assertThat(tooMany.json().path("subcode").asText()).isEqualTo("TooManyApplications");
        // Deleting one makes room.
        assertThat(Http.delete(first.url(first.href()), carol.token()).status()).isEqualTo(204);
        assertThat(carol.createApp("watch").href()).isNotNull();
    }

    @Test
    void deletedApplicationIsGoneAndItsConversationEnds() {
        UcwaUser alice = user("alice");
        UcwaApp a = alice.availableApp("a");
        try (UcwaApp b = user("bob").availableApp("b")) {
            b.connect(a);

            Http.Response deleted = Http.delete(a.url(a.href()), alice.token());
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.header("Content-Type")).isEmpty();
            b.await(e -> e.rel().equals("conversation") && e.type().equals("updated")
                    && e.embedded().path("state").asText().equals("Disconnected"));
            for (String path : new String[] {"", "/me", "/events?ack=1", "/communication"}) {
                Http.Response gone = a.get(a.href() + path);
                assertThat(gone.status()).as(path).isEqualTo(404);
                assertThat(gone.json().path("subcode").asText()).isEqualTo("ApplicationNotFound");
            }
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> a.lastFailure() != null);
            a.stopPolling();
        }
    }

    @Test
    void quietApplicationExpires() {
        UcwaUser dave = user("dave");
        UcwaApp polled = dave.createApp("polled-once");
        JsonNode page = polled.get(href(polled.application(), "events")).json();
        assertThat(href(page, "next")).isNotNull();
        UcwaApp never = dave.createApp("never-polled");
        // No further polls: after the idle timeout both are expired and say so.
        for (UcwaApp app : new UcwaApp[] {polled, never}) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> app.get(app.href()).status() == 410);
            JsonNode error = app.get(app.href() + "/me").json();
            assertThat(error.path("code").asText()).isEqualTo("Gone");
            assertThat(error.path("subcode").asText()).isEqualTo("InactiveApplicationExpired");
        }
    }

    @Test
    void aPollingApplicationStaysAlive() throws InterruptedException {
        try (UcwaApp alive = user("carol").createApp("alive").startPolling()) {
            Thread.sleep(4000); // twice the idle timeout, with the channel in use
            assertThat(alive.get(alive.href()).status()).isEqualTo(200);
        }
    }
}
