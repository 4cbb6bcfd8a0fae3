package io.parley.server.scenario;

import static io.parley.server.support.PathParity.javalinSpelling;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.server.support.Http;
import io.parley.server.support.PathParity;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sendMessage has two HTTP paths: the exact spelling of {@code .../messaging/messages} with a valid token and a
 * plain query is served on Jetty directly, any other spelling (here {@code /UCWA/...}) by the Javalin route.
 * Whichever path a send takes, the client must see the same answer, and the message must arrive.
 */
class SendMessagePathsScenarioTest {
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

    private static Http.Response send(UcwaUser user, String href, String contentType, byte[] body) {
        return Http.send("POST", server.baseUrl() + href, user.token(), contentType, body);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Same status, body and headers; a Location differs only in the message number. */
    private static void assertSameAnswer(Http.Response fast, Http.Response javalin) {
        PathParity.assertSameAnswer(fast, javalin, "Content-Type", "Content-Length", "Cache-Control", "WWW-Authenticate");
        assertThat(fast.header("Location").map(l -> l.replaceAll("/\\d+$", "/N")))
                .isEqualTo(javalin.header("Location").map(l -> l.replaceAll("/\\d+$", "/N")));
    }

    @Test
    void sendsAndRefusalsAreTheSameOnBothPaths() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
        try (UcwaApp a = alice.availableApp("paths-a"); UcwaApp b = bob.availableApp("paths-b")) {
            String sendHref = href(b.connect(a).callerMessaging(), "sendMessage");
            assertThat(sendHref).endsWith("/messaging/messages");

            // Sent both ways (with the correlation id in two spellings): both arrive, in order, and say who sent them.
            Http.Response fast = send(bob, sendHref + "?OperationContext=op-fast", "text/plain; charset=utf-8", utf8("fast ünï"));
            Http.Response slow = send(bob, javalinSpelling(sendHref) + "?operationId=op-slow", "text/plain", utf8("javalin"));
            assertThat(fast.status()).isEqualTo(201);
            assertThat(fast.body()).isEmpty();
            assertThat(fast.header("Content-Type")).isEmpty();
            assertSameAnswer(fast, slow);
            assertThat(b.get(fast.header("Location").orElseThrow()).json().path("operationId").asText()).isEqualTo("op-fast");
            assertThat(b.get(slow.header("Location").orElseThrow()).json().path("operationId").asText()).isEqualTo("op-slow");
            a.await(e -> e.rel().equals("message") && e.body().toString().contains("fast+%C3%BCn%C3%AF"));
            a.await(e -> e.rel().equals("message") && e.body().toString().contains("javalin"));
            // HTML (negotiated here) and a Latin-1 charset, both ways.
            assertSameAnswer(send(bob, sendHref, "text/html", utf8("<b>x</b>")),
                    send(bob, javalinSpelling(sendHref), "text/html", utf8("<b>x</b>")));
            assertSameAnswer(send(bob, sendHref, "text/plain; charset=ISO-8859-1", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)),
                    send(bob, javalinSpelling(sendHref), "text/plain; charset=ISO-8859-1", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1)));

            // Refusals: another type, an empty body, a body past the limit, an unknown conversation, no token.
            String unknown = sendHref.replaceAll("/conversations/[^/]+/", "/conversations/no-such-conversation/");
            Object[][] refused = {
                    {sendHref, "application/json", utf8("{\"a\":1}"), 415},
                    {sendHref, "application/octet-stream", new byte[60_000], 415}, // refused after the whole body came
                    {sendHref, "text/plain", new byte[0], 400},
                    {sendHref, "text/plain", new byte[70_000], 413},
                    {unknown, "text/plain", utf8("hi"), 404}};
            for (Object[] r : refused) {
                String href = (String) r[0];
                Http.Response f = send(bob, href, (String) r[1], (byte[]) r[2]);
                assertThat(f.status()).as(href + " " + r[1]).isEqualTo(r[3]);
                assertSameAnswer(f, send(bob, javalinSpelling(href), (String) r[1], (byte[]) r[2]));
            }
            Http.Response noToken = Http.send("POST", server.baseUrl() + sendHref, null, "text/plain", utf8("hi"));
            assertThat(noToken.status()).isEqualTo(401);
            assertSameAnswer(noToken, Http.send("POST", server.baseUrl() + javalinSpelling(sendHref), null, "text/plain", utf8("hi")));

            // Once messaging is stopped, both refuse with 409 InvalidState.
            String terminate = sendHref.replace("/messages", "/terminate");
            assertThat(Http.post(server.baseUrl() + terminate, bob.token(), null, null).status()).isEqualTo(204);
            Http.Response stopped = send(bob, sendHref, "text/plain", utf8("late"));
            assertThat(stopped.status()).isEqualTo(409);
            assertSameAnswer(stopped, send(bob, javalinSpelling(sendHref), "text/plain", utf8("late")));
        }
    }
}
