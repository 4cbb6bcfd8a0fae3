package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every line of {@code ucwa-tolerances.md}, as real clients exercise it. */
class TolerancesScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.addUser("alice@example.com", "Alice Archer", "a-pw");
        server.addUser("bob@example.com", "Bob Baker", "b-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static UcwaUser alice() {
        return UcwaUser.signIn(server, "alice@example.com", "a-pw");
    }

    private static UcwaUser bob() {
        return UcwaUser.signIn(server, "bob@example.com", "b-pw");
    }

    private static String grant(String contentType, String body) {
        Http.Response r = Http.post(server.baseUrl() + "/WebTicket/oauthtoken", null, contentType, body);
        assertThat(r.status()).as(contentType + " " + r.body()).isEqualTo(200);
        return r.json().path("access_token").asText();
    }

    // ---- Requests: be liberal ----

    @Test
    void repeatedSlashesAndAnyCaseRouteTheSame() {
        UcwaUser a = alice();
        UcwaApp app = a.createApp("slashes");
        Http.Response doubled = Http.get(server.baseUrl() + "/" + app.href() + "//me", a.token());
        assertThat(doubled.status()).isEqualTo(200);
        Http.Response upper = Http.get(server.baseUrl() + app.href().toUpperCase() + "/ME", a.token());
        assertThat(upper.status()).isEqualTo(200);
        // //ucwa/... sent as the raw request target (not an authority) over a plain socket.
        assertThat(rawGet("//ucwa/oauth/v1/applications/" + app.href().substring(app.href().lastIndexOf('/') + 1) + "/me",
                a.token())).startsWith("HTTP/1.1 200");
    }

    @Test
    void jsonPropertyNamesAnyCaseAndTrailingComma() {
        UcwaUser a = alice();
        Http.Response r = Http.postJson(a.applicationsUrl(), a.token(),
                "{\"USERAGENT\":\"x\",\"endpointid\":\"trailing\",\"Culture\":\"en-US\",}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("userAgent").asText()).isEqualTo("x");
    }

    @Test
    void noBrowserHeadersNeededAndJsonContentTypeOnEmptyBodiesIsFine() {
        UcwaUser a = alice();
        UcwaApp app = a.createApp("headers");
        // A GET with Content-Type: application/json and no body; a POST with a JSON type and no body.
        assertThat(Http.send("GET", app.url(app.href()), a.token(), "application/json", null).status()).isEqualTo(200);
        String mma = href(app.application().path("_embedded").path("me"), "makeMeAvailable");
        assertThat(Http.send("POST", app.url(mma), a.token(), "application/json", new byte[0]).status()).isEqualTo(204);
    }

    @Test
    void tokenEndpointTakesEveryFormAndUsernameShape() {
        assertThat(grant("application/x-www-form-urlencoded;charset=UTF-8",
                "grant_type=password&username=alice%40example.com&password=a-pw")).startsWith("cwt=");
        assertThat(grant("application/x-www-form-urlencoded;charset='utf-8'",
                "grant_type=password&username=sip:alice@example.com&password=a-pw&extra=ignored")).startsWith("cwt=");
        assertThat(grant("application/x-www-form-urlencoded",
                "grant_type=password&username=EXAMPLE%5Calice&password=a-pw")).startsWith("cwt=");
        String boundary = "----parley";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\npassword\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice@example.com\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\na-pw\r\n"
                + "--" + boundary + "--\r\n";
        assertThat(grant("multipart/form-data; boundary=" + boundary, multipart)).startsWith("cwt=");
    }

    @Test
    void headOnTheUserUrlAnswersLikeGet() {
        String userUrl = server.baseUrl() + "/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=example.com";
        Http.Response head = Http.send("HEAD", userUrl, null, null, null);
        assertThat(head.status()).isEqualTo(401);
        assertThat(head.body()).isEmpty();
        assertThat(head.headerValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("MsRtcOAuth href=\""));
    }

    @Test
    void startMessagingAnyCaseWithoutMakeMeAvailableAndEveryFirstMessageForm() {
        UcwaApp receiver = alice().availableApp("receiver");
        UcwaUser bob = bob();
        UcwaApp sender = bob.createApp("sender-only").startPolling(); // never calls makeMeAvailable
        String base = sender.href() + "/communication/";
        String b64 = Base64.getEncoder().encodeToString("base64 héllo".getBytes(StandardCharsets.UTF_8));
        String[][] cases = {
                {"startmessaging", "data:text/plain,plain+hello", "plain hello"},
                {"messagingInvitations", "data:text/plain;charset=utf8,form%2Dencoded+h%C3%A9llo", "form-encoded héllo"},
                {"MESSAGINGINVITATIONS", "data:text/plain;base64," + b64, "base64 héllo"},
        };
        for (String[] c : cases) {
            Http.Response r = sender.post(base + c[0], "{\"to\":\"sip:alice@example.com\",\"importance\":\"High\","
                    + "\"_links\":{\"message\":{\"href\":\"" + c[1] + "\"}}}");
            assertThat(r.status()).as(c[0]).isEqualTo(201);
            UcwaApp.Event inv = receiver.await(e -> e.rel().equals("messagingInvitation") && e.type().equals("started")
                    && decode(href(e.embedded(), "message")).equals(c[2]));
            // COMPAT: importance High is accepted and echoed as sent.
            assertThat(inv.embedded().path("importance").asText()).isEqualTo("High");
        }
        sender.close();
        receiver.close();
    }

    @Test
    void sendMessageCorrelationIdInAnySpellingAndAnyTextContentType() {
        UcwaApp a = alice().availableApp("corr-a");
        UcwaApp b = bob().availableApp("corr-b");
        String start = href(b.application().path("_embedded").path("communication"), "startMessaging");
        assertThat(b.post(start, "{\"to\":\"sip:alice@example.com\",\"importance\":\"Low\"}").status()).isEqualTo(201);
        JsonNode inv = a.await(is("messagingInvitation", "started")).embedded();
        assertThat(a.post(href(inv, "accept"), "").status()).isEqualTo(204);
        String send = href(b.await(e -> e.rel().equals("messaging") && e.embedded().path("state").asText().equals("Connected"))
                .embedded(), "sendMessage");
        String[][] cases = {{"?operationId=x1", "text/plain"}, {"?OperationId=x2", "text/plain; charset=UTF-8"},
                {"?operationContext=x3", "text/plain;charset=utf-8"}, {"?OperationContext=x4", "text/plain"}, {"", "text/plain"}};
        for (String[] c : cases) {
            Http.Response r = b.postText(send + c[0], c[1], "hi " + c[0]);
            assertThat(r.status()).isEqualTo(201);
            JsonNode message = b.get(r.header("Location").orElseThrow()).json();
            assertThat(message.path("operationId").asText(null)).isEqualTo(c[0].isEmpty() ? null : c[0].substring(c[0].indexOf('=') + 1));
        }
        // typing, and reportMyActivity on both paths.
        assertThat(b.post(send.replace("/messages", "/typing"), "").status()).isEqualTo(204);
        a.close();
        b.close();
    }

    // ---- Responses: be exact ----

    @Test
    void challengeIsExactAndAloneWithItsUrl() {
        Http.Response r = Http.get(server.baseUrl() + "/ucwa/oauth/v1/applications", null);
        assertThat(r.status()).isEqualTo(401);
        String expected = "MsRtcOAuth href=\"" + server.baseUrl()
                + "/WebTicket/oauthtoken\",grant_type=\"urn:microsoft.rtc:windows,urn:microsoft.rtc:anonmeeting,password\"";
        assertThat(r.headerValues("WWW-Authenticate")).contains(expected);
        assertThat(r.headerValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Bearer "));
        // No other absolute URL in any header of the 401.
        r.headers().forEach((name, values) -> values.forEach(v -> {
            if (!v.startsWith("MsRtcOAuth")) {
                assertThat(v).as(name).doesNotContain("http://");
            }
        }));
    }

    @Test
    void tokenReplyIsBearerCwt() {
        Http.Response r = Http.post(server.baseUrl() + "/WebTicket/oauthtoken", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=alice@example.com&password=a-pw");
        assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().path("access_token").asText()).startsWith("cwt=");
        assertThat(r.json().path("expires_in").asLong()).isPositive();
    }

    @Test
    void absoluteLinksUseTheHostTheClientUsed() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/")).build();
        String body = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
        assertThat(body).contains("http://localhost:" + server.port() + "/Autodiscover/").doesNotContain("127.0.0.1");
    }

    @Test
    void applicationBodyCarriesEveryLinkClientsRead() {
        UcwaUser a = alice();
        JsonNode app = a.createApp("links").application();
        assertThat(href(app, "self")).startsWith("/ucwa/oauth/v1/applications/");
        assertThat(href(app, "events")).endsWith("/events?ack=1");
        assertThat(href(app, "batch")).isNotNull();
        JsonNode me = app.path("_embedded").path("me");
        assertThat(me.path("name").asText()).isNotBlank();
        assertThat(me.path("uri").asText()).isEqualTo("sip:alice@example.com");
        assertThat(href(me, "self")).isNotNull();
        assertThat(href(me, "makeMeAvailable")).isNotNull();
        for (String rel : new String[] {"search", "myContacts", "myGroups", "presenceSubscriptions"}) {
            assertThat(href(app.path("_embedded").path("people"), rel)).as(rel).isNotNull();
        }
        for (String rel : new String[] {"self", "startMessaging", "conversations"}) {
            assertThat(href(app.path("_embedded").path("communication"), rel)).as(rel).isNotNull();
        }
    }

    @Test
    void emptyAnswersHaveNoContentTypeAndJsonAnswersSayUtf8() {
        UcwaUser a = alice();
        UcwaApp app = a.createApp("types");
        Http.Response json = app.get(app.href());
        assertThat(json.header("Content-Type")).contains("application/json; charset=utf-8");
        String mma = href(app.application().path("_embedded").path("me"), "makeMeAvailable");
        Http.Response noContent = app.post(mma, "");
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.header("Content-Type")).isEmpty();
    }

    @Test
    void messagingListsSendMessageExactlyWhileConnected() {
        UcwaApp a = alice().availableApp("links-a");
        UcwaApp b = bob().availableApp("links-b");
        JsonNode connected = b.connect(a).callerMessaging();
        assertThat(b.post(href(connected, "stopMessaging"), "").status()).isEqualTo(204);
        b.await(e -> e.rel().equals("messaging") && e.embedded().path("state").asText().equals("Disconnected"));
        java.util.Set<String> states = new java.util.HashSet<>();
        for (UcwaApp.Event e : b.events()) {
            if (e.rel().equals("messaging")) {
                String state = e.embedded().path("state").asText();
                states.add(state);
                boolean isConnected = state.equals("Connected");
                for (String rel : new String[] {"sendMessage", "setIsTyping", "typingParticipants"}) {
                    assertThat(e.embedded().path("_links").has(rel)).as(state + " " + rel).isEqualTo(isConnected);
                }
                assertThat(e.embedded().path("_links").has("stopMessaging")).as(state).isEqualTo(!state.equals("Disconnected"));
            }
        }
        assertThat(states).containsExactlyInAnyOrder("Connecting", "Connected", "Disconnected");
        a.close();
        b.close();
    }

    private static String decode(String dataUri) {
        return io.parley.protocol.DataUri.decode(dataUri).text();
    }

    /** A GET written by hand on a socket, so the request target is sent exactly as given. */
    private static String rawGet(String target, String token) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            String req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
