package io.parley.cli;

import static io.parley.cli.ParleyCommandTest.parley;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code parley user passwd} and {@code parley user remove}, run as their own processes beside a running
 * server on the same data directory, sign the user out at once: tokens stop working, applications end (a
 * parked poll is answered 404 ApplicationNotFound), and a user added again never sees the old user's
 * applications or presence.
 */
class RevocationCommandTest {

    private static Http.Response signIn(TestServer server, String user, String password) {
        return Http.post(server.baseUrl() + "/WebTicket/oauthtoken", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=" + user + "&password=" + password);
    }

    @Test
    void passwdSignsOutEverySessionOfTheUserAtOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice@example.com", "Alice", "old-pw");
            server.addUser("bob@example.com", "Bob", "b-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "old-pw");
            UcwaApp aliceApp = alice.createApp("alice-desk");
            UcwaApp bobApp = UcwaUser.signIn(server, "bob@example.com", "b-pw").createApp("bob-desk");
            // Alice's client waits on her event channel for up to a minute.
            assertThat(aliceApp.get(aliceApp.eventsUrl()).status()).isEqualTo(200);
            CompletableFuture<Http.Response> parked = CompletableFuture.supplyAsync(
                    () -> aliceApp.get(aliceApp.href() + "/events?ack=2&timeout=60"));

            // The operator changes her password, from another process.
            assertThat(parley("new-pw\n", "user", "passwd", "alice@example.com", "--password-stdin",
                    "--data", server.dataDir().toString()).exit()).isZero();

            // The parked poll ends at once with the error that tells a client its application is gone.
            Http.Response ended = parked.get(20, TimeUnit.SECONDS);
            assertThat(ended.status()).as(ended.body()).isEqualTo(404);
            assertThat(ended.json().path("subcode").asText()).isEqualTo("ApplicationNotFound");
            // Her token is void, the old password too; the new one works. Bob is untouched.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Http.get(alice.applicationsUrl(), alice.token()).status()).isEqualTo(401));
            assertThat(signIn(server, "alice@example.com", "old-pw").status()).isEqualTo(400);
            assertThat(signIn(server, "alice@example.com", "new-pw").status()).isEqualTo(200);
            assertThat(bobApp.get(bobApp.href()).status()).isEqualTo(200);
        }
    }

    @Test
    void aRemovedUserAddedAgainNeverSeesTheOldApplications() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaApp old = alice.availableApp("alice-desk");
            assertThat(old.post(old.href() + "/me/note", "{\"message\":\"the old Alice's note\"}").status()).isEqualTo(204);
            old.stopPolling();
            String d = server.dataDir().toString();

            assertThat(parley(null, "user", "remove", "alice@example.com", "--data", d).exit()).isZero();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(Http.get(old.url(old.href()), alice.token()).status()).isEqualTo(401));

            // Someone else gets the address.
            assertThat(parley("other-pw\n", "user", "add", "alice@example.com", "--name", "Alice Two", "--password-stdin",
                    "--data", d).exit()).isZero();
            UcwaUser second = UcwaUser.signIn(server, "alice@example.com", "other-pw");
            Http.Response peek = Http.get(old.url(old.href()), second.token());
            assertThat(peek.status()).as(peek.body()).isEqualTo(404);
            assertThat(peek.json().path("subcode").asText()).isEqualTo("ApplicationNotFound");
            // Even the same endpointId gets a new application, with a new id, and none of the old presence.
            UcwaApp fresh = second.availableApp("alice-desk");
            assertThat(fresh.href()).isNotEqualTo(old.href());
            Http.Response note = fresh.get(fresh.href() + "/me/note");
            assertThat(note.status()).as(note.body()).isEqualTo(200);
            assertThat(note.body()).doesNotContain("old Alice");
            fresh.close();
        }
    }
}
