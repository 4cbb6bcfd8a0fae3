package io.parley.server.scenario;

import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.UcwaJson;
import io.parley.server.http.limits.ConnectionLimits;
import io.parley.server.support.Http;
import io.parley.server.support.RawHttp;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed or hostile requests, generated from a fixed seed and sent over raw sockets: odd and
 * broken methods, paths with traversal, escapes and other users' ids, broken encodings, headers that are
 * missing, contradictory or too large, bodies of the wrong type, shape or size. Every answer must come, be
 * below 500, and be a UCWA error body whenever it is an error; afterwards the data of the honest users is
 * unchanged and they go on exchanging IMs.
 */
class HostileFuzzScenarioTest {
    private static final int REQUESTS = 10_000;
    private static final int SENDERS = 4;

    @Test
    void tenThousandHostileRequestsGetUcwaErrorsAndChangeNothing() throws Exception {
        try (TestServer server = TestServer.start(c -> c.with(b -> b.connections =
                new ConnectionLimits(Duration.ofSeconds(2), 256, 8 * 1024, true)))) {
            server.addUser("alice@example.com", "Alice", "a-pw");
            server.addUser("bob@example.com", "Bob", "b-pw");
            server.addUser("mallory@example.com", "Mallory", "m-pw");
            UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
            UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
            UcwaUser mallory = UcwaUser.signIn(server, "mallory@example.com", "m-pw");
            try (UcwaApp aliceApp = alice.availableApp("alice-desk"); UcwaApp bobApp = bob.availableApp("bob-desk")) {
                // The honest users talk; what Alice sees of it is the data the fuzzing must not change.
                UcwaApp.Connected c = bobApp.connect(aliceApp);
                String bobSend = href(c.callerMessaging(), "sendMessage");
                assertThat(bobApp.postText(bobSend, "text/plain", "before the storm").status()).isEqualTo(201);
                aliceApp.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage") != null
                        && href(e.embedded(), "plainMessage").contains("before"));
                String aliceConversation = href(c.calleeMessaging(), "conversation");
                Map<String, String> before = snapshot(aliceApp, aliceConversation);

                UcwaApp malloryApp = mallory.createApp("mallory-fuzz");
                Targets targets = new Targets(List.of(aliceApp.href(), bobApp.href(), malloryApp.href()),
                        List.of(aliceConversation, href(c.callerMessaging(), "conversation")),
                        List.of(mallory.token(), alice.token().substring(0, alice.token().length() - 2) + "xx"),
                        mallory.token());

                List<String> failures = fuzz(server.port(), targets);
                assertThat(failures).as("answers that were missing, 5xx or not UCWA errors").isEmpty();

                // Alice's data is as it was, her token works, and the conversation goes on.
                assertThat(snapshot(aliceApp, aliceConversation)).isEqualTo(before);
                assertThat(bobApp.postText(bobSend, "text/plain", "after the storm").status()).isEqualTo(201);
                aliceApp.await(e -> e.rel().equals("message") && href(e.embedded(), "plainMessage") != null
                        && href(e.embedded(), "plainMessage").contains("after"));
            }
        }
    }

    /** What Alice reads of her conversation: the resource and its messaging. */
    private static Map<String, String> snapshot(UcwaApp app, String conversation) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String href : List.of(conversation, conversation + "/messaging", conversation + "/participants",
                app.href() + "/communication/conversations")) {
            Http.Response r = app.get(href);
            out.put(href, r.status() + " " + r.body());
        }
        return out;
    }

    private record Targets(List<String> apps, List<String> conversations, List<String> wrongTokens, String token) {}

    private static List<String> fuzz(int port, Targets targets) throws Exception {
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < SENDERS; t++) {
                int sender = t;
                done.add(senders.submit(() -> {
                    Random random = new Random(16 * 1000 + sender);
                    for (int i = sender; i < REQUESTS; i += SENDERS) {
                        Request req = Request.random(random, targets);
                        RawHttp.Answer a;
                        try {
                            a = RawHttp.exchange(port, req.bytes(), 15_000);
                        } catch (RuntimeException e) {
                            failures.add("no answer (" + e + ") to " + req);
                            continue;
                        }
                        statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
                        String problem = problem(req, a);
                        if (problem != null && failures.size() < 50) {
                            failures.add(problem + ": " + a + " to " + req);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            senders.shutdownNow();
        }
        System.out.println("Fuzz answers by status: " + new java.util.TreeMap<>(statuses));
        return failures;
    }

    /** Why an answer is wrong, or null when it is fine. */
    private static String problem(Request req, RawHttp.Answer a) {
        if (a.status() < 0) {
            return "closed without an answer";
        }
        // 505 is the answer to an HTTP version other than 1.x, decided by Jetty's parser (RFC 9110 §15.6.6): the
        // client's fault, so its UCWA code is BadRequest; any other 5xx would be a failure of the server.
        if (a.status() >= 500 && a.status() != 505) {
            return "5xx";
        }
        if (a.status() < 400 || req.method().equals("HEAD")) {
            return null;
        }
        String type = a.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return "error without a JSON Content-Type";
        }
        try {
            JsonNode body = UcwaJson.mapper().readTree(a.body());
            if (!body.path("code").isTextual() || body.path("code").asText().isBlank()) {
                return "error body without a UCWA code";
            }
        } catch (Exception e) {
            return "error body is not JSON";
        }
        return null;
    }

    /** One generated request, kept as the bytes sent (and a printable summary for failures). */
    private record Request(String method, byte[] bytes, String summary) {
        @Override
        public String toString() {
            return summary;
        }

        static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD",
                "OPTIONS", "TRACE", "CONNECT", "FOO", "get", "PROPFIND", "G\u00c9T", "GET /x", "X".repeat(300), ""};
        static final String[] SUFFIXES = {"", "/events?ack=1", "/events?ack=abc&timeout=-5", "/events?ack=999999999999",
                "/me", "/me/makeMeAvailable", "/me/presence", "/me/note", "/people/search?query=%zz",
                "/people/sip:alice@example.com/presence", "/communication", "/communication/conversations",
                "/communication/messagingInvitations", "/communication/messagingInvitations/1/accept",
                "/reportMyActivity", "/policies", "/batch", "/../../etc/passwd", "/%2e%2e/%2e%2e", "/%00", "/%c0%af",
                "/\u00fc\u00f1\u00ee", ";jsessionid=1", "//me///presence", "/me?" + "q=1&".repeat(200)};
        static final String[] CONVERSATION_SUFFIXES = {"", "/messaging", "/messaging/messages", "/messaging/messages/1",
                "/messaging/terminate", "/messaging/typing", "/participants", "/participants/sip:bob@example.com",
                "/messaging/addMessaging", "/messaging/messages/-1", "/messaging/messages/99999999999999999999"};
        static final String[] OTHER_PATHS = {"/", "/Autodiscover/AutodiscoverService.svc/root",
                "/Autodiscover/AutodiscoverService.svc/root/oauth/user", "/WebTicket/oauthtoken", "/metrics", "*",
                "http://evil.example/ucwa", "/ucwa/oauth/v1/applications", "/ucwa/oauth/v1/applications/",
                "/ucwa/oauth/v1/applications/../../x", "/UCWA/OAUTH/V1/APPLICATIONS", "/favicon.ico", "/%", "/a%2fb",
                "/ucwa/oauth/v1/applications/" + "9".repeat(40), "/x".repeat(3000), "/\\..\\..", "/?" + "%".repeat(50)};
        static final String[] CONTENT_TYPES = {null, "application/json", "application/json; charset=utf-8",
                "application/x-www-form-urlencoded", "application/x-www-form-urlencoded;charset='utf-8'",
                "multipart/form-data", "multipart/form-data; boundary=XyZ", "multipart/form-data; boundary=\"\"",
                "text/plain", "text/html", "text/plain; charset=ebcdic-xx", "application/xml", "garbage", ";;;",
                "application/json; charset=\u00ff"};
        static final String[] BODIES = {"", "{}", "{", "[]", "null", "\"x\"", "{\"to\":123}", "{\"to\":[1,2]}",
                "{\"UserAgent\":\"x\",\"EndpointId\":\"e\",\"Culture\":\"en-US\",}", "{\"a\":" + "[".repeat(3000),
                "{\"availability\":\"Online\"}", "{\"message\":" + "\"x".repeat(10) + "}", "\u0000\u0001\u0002",
                "grant_type=password&username=alice@example.com&password=wrong",
                "grant_type=password&username=nobody@example.com&password=x", "grant_type=%zz&username=%",
                "--XyZ\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\npassword\r\n--XyZ",
                "--XyZ\r\nContent-Disposition: form-data\r\n\r\n\r\n--XyZ--", "--XyZ--", "--XyZ\r\n\r\n",
                "{\"_links\":{\"message\":{\"href\":\"data:text/plain;base64,!!!\"}},\"to\":\"sip:bob@example.com\"}",
                "\u00ff\u00fe{\"x\":1}", "x".repeat(70 * 1024)};

        static Request random(Random r, Targets t) {
            String method = pick(r, METHODS);
            String path = switch (r.nextInt(4)) {
                case 0 -> pick(r, OTHER_PATHS);
                case 1 -> pick(r, t.conversations()) + pick(r, CONVERSATION_SUFFIXES);
                default -> pick(r, t.apps()) + pick(r, SUFFIXES);
            };
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(' ')
                    .append(r.nextInt(40) == 0 ? pick(r, new String[] {"HTTP/1.0", "HTTP/2.0", "HTTP/9", "FTP/1.1", ""})
                            : "HTTP/1.1").append("\r\n");
            switch (r.nextInt(12)) {
                case 0 -> { } // no Host
                case 1 -> head.append("Host: ").append(pick(r, new String[] {"evil.example:99999", "[::1", "a b", "",
                        "\u00e9vil", "x".repeat(300)})).append("\r\n");
                default -> head.append("Host: 127.0.0.1\r\n");
            }
            switch (r.nextInt(6)) {
                case 0 -> { } // no token
                case 1 -> head.append("Authorization: ").append(pick(r, new String[] {"Bearer", "Bearer cwt=",
                        "Basic YWxpY2U6YS1wdw==", "Bearer " + pick(r, t.wrongTokens()), "Bearer " + "A".repeat(4000),
                        "bearer  " + t.token()})).append("\r\n");
                default -> head.append("Authorization: Bearer ").append(t.token()).append("\r\n");
            }
            String contentType = pick(r, CONTENT_TYPES);
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (r.nextInt(15) == 0) {
                head.append(pick(r, new String[] {"X-Big: " + "b".repeat(9000), "Bad Header: x", ": nameless",
                        "X-Ctl: \u0001\u0002", "Expect: 100-continue", "Accept-Encoding: gzip", "Accept: text/html",
                        "X-HTTP-Method-Override: DELETE", "Content-Encoding: gzip", "Range: bytes=0-1",
                        "Connection: upgrade\r\nUpgrade: h2c"})).append("\r\n");
            }
            byte[] body = pick(r, BODIES).getBytes(StandardCharsets.UTF_8);
            String framing;
            switch (r.nextInt(30)) {
                case 0 -> {
                    framing = "chunked";
                    head.append("Transfer-Encoding: chunked\r\n");
                    body = (Integer.toHexString(body.length) + "\r\n" + new String(body, StandardCharsets.UTF_8)
                            + (r.nextBoolean() ? "\r\n0\r\n\r\n" : "\r\nzz\r\n")).getBytes(StandardCharsets.UTF_8);
                }
                case 1 -> {
                    framing = "two lengths";
                    head.append("Content-Length: ").append(body.length).append("\r\nContent-Length: 3\r\n");
                }
                case 2 -> {
                    framing = "bad length";
                    head.append("Content-Length: ").append(pick(r, new String[] {"-1", "abc", "99999999999999999999"}))
                            .append("\r\n");
                }
                case 3 -> {
                    framing = "short length"; // the rest of the body reads as a second request
                    head.append("Content-Length: ").append(body.length / 2).append("\r\n");
                }
                default -> {
                    framing = "";
                    head.append("Content-Length: ").append(body.length).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
            String summary = method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path) + " ["
                    + contentType + ", " + body.length + " bytes" + (framing.isEmpty() ? "" : ", " + framing) + "]";
            return new Request(method, out.toByteArray(), summary);
        }

        private static <T> T pick(Random r, T[] options) {
            return options[r.nextInt(options.length)];
        }

        private static <T> T pick(Random r, List<T> options) {
            return options.get(r.nextInt(options.size()));
        }
    }
}
