package io.parley.server.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.server.http.limits.ConnectionLimits;
import io.parley.server.support.Http;
import io.parley.server.support.RawHttp;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The listener's limits: a connection that sends nothing is closed after the idle timeout, but a parked
 * event poll is not; one client address holds at most its share of connections, and a host that opens
 * thousands cannot keep another client from signing in and exchanging IMs; the request line and headers
 * are bounded; the token endpoint reads only a small form, in memory.
 */
class ConnectionLimitsScenarioTest {

    @Test
    void aSilentConnectionIsClosedButAParkedPollIsNot() throws Exception {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.connections =
                new ConnectionLimits(Duration.ofSeconds(1), 256, 8 * 1024, true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            // A connection that never sends a request is closed by the server after the idle timeout.
            try (Socket silent = new Socket("127.0.0.1", server.port())) {
                silent.setSoTimeout(15_000);
                long t0 = System.nanoTime();
                assertThat(silent.getInputStream().read()).isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
            }
            // A poll parked for three times the idle timeout is answered normally when its own timeout comes.
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaApp app = alice.createApp("alice-desk");
            Http.Response page = app.get(app.eventsUrl() + "&timeout=3");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().path("sender").isArray()).isTrue();
        }
    }

    @Test
    void oneHostWithThousandsOfConnectionsCannotShutOthersOut() throws Exception {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.connections =
                new ConnectionLimits(Duration.ofSeconds(30), 20, 8 * 1024, true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            server.addUser("bob@example.com", "Bob", "b-pw");
            // The attacker is another loopback address (127.0.0.2), so the limit is per address, not global.
            InetAddress attacker = InetAddress.getByName("127.0.0.2");
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 2_000; i++) {
                    Socket s = new Socket();
                    s.bind(new InetSocketAddress(attacker, 0));
                    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                    sockets.add(s);
                }
                // The server closes every attacker connection past the 20th at once.
                await().atMost(Duration.ofSeconds(30)).until(() -> openOf(sockets) <= 20);

                // Meanwhile Alice and Bob sign in and talk as usual.
                UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
                UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
                try (UcwaApp aliceApp = alice.availableApp("alice-desk"); UcwaApp bobApp = bob.availableApp("bob-desk")) {
                    UcwaApp.Connected c = bobApp.connect(aliceApp);
                    String send = UcwaUser.href(c.callerMessaging(), "sendMessage");
                    assertThat(bobApp.postText(send, "text/plain", "still here").status()).isEqualTo(201);
                    aliceApp.await(e -> e.rel().equals("message") && UcwaUser.href(e.embedded(), "plainMessage") != null
                            && UcwaUser.href(e.embedded(), "plainMessage").contains("still"));
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    /** How many of these sockets the server still holds open (a closed one reads end-of-stream). */
    private static int openOf(List<Socket> sockets) throws IOException {
        int open = 0;
        for (Socket s : sockets) {
            if (s.isClosed()) {
                continue;
            }
            s.setSoTimeout(1);
            try {
                if (s.getInputStream().read() < 0) {
                    s.close();
                    continue;
                }
            } catch (SocketTimeoutException stillOpen) {
                // nothing to read: the server keeps it
            } catch (IOException reset) {
                s.close();
                continue;
            }
            open++;
        }
        return open;
    }

    @Test
    void aPollWhoseClientHungUpIsReleasedAtOnce() throws Exception {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaApp app = alice.createApp("alice-desk");
            assertThat(app.get(app.eventsUrl()).status()).isEqualTo(200); // package 1: the next poll parks
            // Both ways to the event channel: the plain spelling (served ahead of Javalin) and another one.
            for (String path : List.of(app.href() + "/events", app.href().toUpperCase() + "/EVENTS")) {
                try (Socket client = new Socket("127.0.0.1", server.port())) {
                    client.getOutputStream().write(("GET " + path + "?ack=2&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Authorization: Bearer " + alice.token() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    await().atMost(Duration.ofSeconds(10)).until(() -> parkedPolls(server) == 1);
                } // the client hangs up
                await().atMost(Duration.ofSeconds(5)).until(() -> parkedPolls(server) == 0);
            }
            // The channel goes on: the same ack is answered when it is asked again.
            Http.Response again = app.get(app.href() + "/events?ack=2&timeout=1");
            assertThat(again.status()).as(again.body()).isEqualTo(200);
        }
    }

    private static int parkedPolls(TestServer server) {
        return Http.get(server.metricsUrl(), null).body().lines().filter(l -> l.startsWith("parley_events_parked "))
                .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    @Test
    void headersAndUrisAreBoundedWithUcwaErrors() {
        try (TestServer server = TestServer.start()) {
            RawHttp.Answer longUri = RawHttp.exchange(server.port(),
                    "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(longUri.status()).isEqualTo(414);
            assertThat(longUri.body()).contains("\"code\":\"EntityTooLarge\"");
            RawHttp.Answer bigHeader = RawHttp.exchange(server.port(),
                    "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(10_000) + "\r\n\r\n");
            assertThat(bigHeader.status()).isEqualTo(431);
            assertThat(bigHeader.body()).contains("\"code\":\"EntityTooLarge\"");
        }
    }

    @Test
    void theTokenEndpointReadsOnlyASmallFormInMemory() {
        try (TestServer server = TestServer.start()) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            String token = server.baseUrl() + "/WebTicket/oauthtoken";
            // A big form, and a big multipart body, are refused with 413 (never spooled to temporary files).
            Http.Response bigForm = Http.post(token, null, "application/x-www-form-urlencoded",
                    "grant_type=password&username=alice@example.com&password=a-pw&junk=" + "x".repeat(20_000));
            assertThat(bigForm.status()).isEqualTo(413);
            assertThat(bigForm.json().path("code").asText()).isEqualTo("EntityTooLarge");
            Http.Response bigPart = Http.post(token, null, "multipart/form-data; boundary=B",
                    "--B\r\nContent-Disposition: form-data; name=\"junk\"\r\n\r\n" + "x".repeat(200_000) + "\r\n--B--\r\n");
            assertThat(bigPart.status()).isEqualTo(413);

            // Malformed multipart shapes are 400 invalid_request, never 500.
            for (String[] shape : new String[][] {
                    {"multipart/form-data", "--B\r\n\r\n"},
                    {"multipart/form-data; boundary=B", "no boundary here"},
                    {"multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n"},
                    {"multipart/form-data; boundary=B", "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nvalue"},
                    {"multipart/form-data; boundary=\"\"", "--\r\n\r\n--"}}) {
                Http.Response r = Http.post(token, null, shape[0], shape[1]);
                assertThat(r.status()).as(shape[0] + " / " + shape[1] + ": " + r.body()).isEqualTo(400);
                assertThat(r.json().path("error").asText()).isEqualTo("invalid_request");
                assertThat(r.json().path("code").asText()).isEqualTo("BadRequest");
            }

            // A well-formed multipart grant still works (COMPAT: tolerances, "Token endpoint").
            String multipart = "--B\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\npassword\r\n"
                    + "--B\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice@example.com\r\n"
                    + "--B\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\na-pw\r\n--B--\r\n";
            Http.Response ok = Http.post(token, null, "multipart/form-data; boundary=B", multipart);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.json().path("access_token").asText()).startsWith("cwt=");
        }
    }
}
