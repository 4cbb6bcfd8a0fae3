package io.parley.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.core.auth.SignInLimits;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What sign-in costs the server, and who may make it pay: wrong passwords are throttled per account and per
 * client address (429 with Retry-After, a UCWA error) without touching sessions in progress; password checks
 * wait in a bounded queue (503 with Retry-After past it); an unknown account costs as much as a known one.
 */
class SignInLimitsScenarioTest {

    private static Http.Response signIn(TestServer server, String user, String password) {
        return Http.post(server.baseUrl() + "/WebTicket/oauthtoken", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=" + user + "&password=" + password);
    }

    private static void assertRetryLater(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Retry-After")).get().satisfies(s -> assertThat(Integer.parseInt(s)).isPositive());
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.json().path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
    }

    @Test
    void wrongPasswordsForOneAccountAreThrottledButItsSessionGoesOn() {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.signIns =
                new SignInLimits(1, 8, 3, Duration.ofMinutes(10), 1000, Duration.ofMinutes(10), true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaApp app = alice.createApp("alice-desk");

            // Mallory guesses: three wrong passwords are answered invalid_grant, then the account is throttled,
            // whatever the password (the right one too: the throttle answers before any check).
            for (int i = 0; i < 3; i++) {
                Http.Response r = signIn(server, "alice@example.com", "guess" + i);
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.json().path("error").asText()).isEqualTo("invalid_grant");
                assertThat(r.json().path("code").asText()).isEqualTo("BadRequest");
            }
            long t0 = System.nanoTime();
            assertRetryLater(signIn(server, "alice@example.com", "guess3"), 429, "TooManyRequests");
            // Held for a second (a tarpit): an attacker who ignores Retry-After cannot spin on cheap refusals.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertRetryLater(signIn(server, "alice@example.com", "a-pw"), 429, "TooManyRequests");

            // Alice, already signed in, notices nothing.
            assertThat(app.get(app.href()).status()).isEqualTo(200);

            // An unknown account is throttled exactly alike (the answers tell nothing about who exists).
            List<Integer> ghost = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ghost.add(signIn(server, "ghost@example.com", "guess" + i).status());
            }
            assertThat(ghost).containsExactly(400, 400, 400, 429);
        }
    }

    @Test
    void wrongPasswordsFromOneAddressAreThrottledAcrossAccounts() {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.signIns =
                new SignInLimits(1, 8, 1000, Duration.ofMinutes(10), 4, Duration.ofMinutes(10), true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            for (int i = 0; i < 4; i++) {
                assertThat(signIn(server, "user" + i + "@example.com", "x").status()).isEqualTo(400);
            }
            assertRetryLater(signIn(server, "alice@example.com", "a-pw"), 429, "TooManyRequests");
        }
    }

    @Test
    void loopbackClientsAreNotThrottledPerAddressUnlessAsked() {
        // A reverse proxy on the same host brings everyone's sign-ins from 127.0.0.1: by default the per-address
        // rule leaves them alone (the per-account rule still applies).
        try (TestServer server = TestServer.start(c -> c.with(b -> b.signIns =
                new SignInLimits(1, 8, 1000, Duration.ofMinutes(10), 2, Duration.ofMinutes(10), false)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            for (int i = 0; i < 5; i++) {
                assertThat(signIn(server, "user" + i + "@example.com", "x").status()).isEqualTo(400);
            }
            assertThat(signIn(server, "alice@example.com", "a-pw").status()).isEqualTo(200);
        }
    }

    @Test
    void signInsPastTheQueueAreRefusedAtOnceWith503() throws Exception {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.signIns =
                new SignInLimits(1, 1, 1000, Duration.ofMinutes(10), 1000, Duration.ofMinutes(10), true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Callable<Http.Response>> storm = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    storm.add(() -> signIn(server, "alice@example.com", "a-pw"));
                }
                List<Http.Response> answers = new ArrayList<>();
                for (Future<Http.Response> f : pool.invokeAll(storm)) {
                    answers.add(f.get());
                }
                // One check runs and one waits; the others cannot all have found room.
                assertThat(answers).anyMatch(r -> r.status() == 200);
                Http.Response busy = answers.stream().filter(r -> r.status() == 503).findFirst().orElseThrow(
                        () -> new AssertionError("no 503 among " + answers.stream().map(Http.Response::status).toList()));
                assertRetryLater(busy, 503, "ServiceUnavailable");
                assertThat(answers).allMatch(r -> r.status() == 200 || r.status() == 503);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void anUnknownAccountTakesAsLongAsAWrongPassword() {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.signIns =
                new SignInLimits(1, 8, 1000, Duration.ofMinutes(10), 1000, Duration.ofMinutes(10), true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            signIn(server, "alice@example.com", "warm-up");
            long[] known = new long[7];
            long[] unknown = new long[7];
            for (int i = 0; i < known.length; i++) {
                String nobody = "nobody" + i + "@example.com";
                known[i] = timed(() -> signIn(server, "alice@example.com", "wrong"));
                unknown[i] = timed(() -> signIn(server, nobody, "wrong"));
            }
            // Both pay one Argon2 check (tens of ms); without the dummy hash an unknown account answered in ~1 ms.
            assertThat(median(unknown)).as("median ns unknown %s vs known %s", Arrays.toString(unknown),
                    Arrays.toString(known)).isGreaterThan(median(known) / 2);
        }
    }

    private static long timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return System.nanoTime() - t0;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
