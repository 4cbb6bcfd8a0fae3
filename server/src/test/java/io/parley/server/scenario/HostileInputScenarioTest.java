package io.parley.server.scenario;

import static io.parley.server.support.UcwaApp.is;
import static io.parley.server.support.UcwaUser.href;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.server.support.Http;
import io.parley.server.support.TestServer;
import io.parley.server.support.UcwaApp;
import io.parley.server.support.UcwaUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Input a careful server must refuse with a UCWA error (never 500, never a leak of another user's
 * resources, never a change of state): malformed JSON, wrong shapes, wrong types, huge bodies, unknown
 * paths and methods, other users' ids. Afterwards the server still works.
 */
class HostileInputScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.addUser("alice@example.com", "Alice", "a-pw");
        server.addUser("mallory@example.com", "Mallory", "m-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertUcwaError(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/json");
        assertThat(r.json().path("code").asText()).isEqualTo(code);
        assertThat(r.json().path("message").asText()).isNotBlank();
    }

    @Test
    void badBodiesGetUcwaErrors() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        String apps = alice.applicationsUrl();
        assertUcwaError(Http.postJson(apps, alice.token(), "{\"userAgent\":"), 400, "BadRequest");
        assertUcwaError(Http.postJson(apps, alice.token(), "[1,2,3]"), 400, "BadRequest");
        assertUcwaError(Http.postJson(apps, alice.token(), "{\"userAgent\":{\"nested\":true},\"endpointId\":\"x\"}"), 400, "BadRequest");
        Http.Response missing = Http.postJson(apps, alice.token(), "{\"culture\":\"en-US\"}");
        assertUcwaError(missing, 400, "BadRequest");
        assertThat(missing.json().path("subcode").asText()).isEqualTo("ParameterValidationFailure");
        assertUcwaError(Http.post(apps, alice.token(), "application/xml", "<application/>"), 415, "UnsupportedMediaType");
        assertUcwaError(Http.postJson(apps, alice.token(), "{\"userAgent\":\"" + "x".repeat(70_000) + "\"}"), 413, "EntityTooLarge");

        UcwaApp app = alice.availableApp("hostile");
        String start = href(app.application().path("_embedded").path("communication"), "startMessaging");
        assertUcwaError(app.post(start, "{}"), 400, "BadRequest");
        assertUcwaError(app.post(start, "{\"to\":\"not an address\"}"), 400, "BadRequest");
        assertUcwaError(app.post(start, "{\"to\":\"sip:x@example.com\",\"importance\":\"Whenever\"}"), 400, "BadRequest");
        assertUcwaError(app.post(start, "{\"to\":\"sip:x@example.com\",\"subject\":\"" + "s".repeat(300) + "\"}"), 400, "BadRequest");
        assertUcwaError(app.post(start, "{\"to\":\"sip:x@example.com\",\"_links\":{\"message\":{\"href\":\"http://evil\"}}}"),
                400, "BadRequest");
        assertUcwaError(app.get(href(app.application(), "events").replaceAll("ack=\\d+", "ack=banana")), 400, "BadRequest");
        assertUcwaError(app.get(app.href() + "/no/such/thing"), 404, "NotFound");
        assertUcwaError(Http.send("PUT", app.url(app.href() + "/me"), alice.token(), "application/json", "{}".getBytes()),
                405, "MethodNotAllowed");
        assertUcwaError(app.get(app.href() + "/communication/conversations/nope"), 404, "NotFound");
        assertUcwaError(app.get(app.href() + "/communication/messagingInvitations/nope"), 404, "NotFound");
        app.close();
    }

    @Test
    void anotherUsersIdsAreNotFoundNeverShown() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaUser mallory = UcwaUser.signIn(server, "mallory@example.com", "m-pw");
        UcwaApp victim = alice.availableApp("victim");
        UcwaApp attacker = mallory.availableApp("attacker");
        // Mallory invites Alice so that Alice has a conversation; Alice accepts.
        String start = href(attacker.application().path("_embedded").path("communication"), "startMessaging");
        assertThat(attacker.post(start, "{\"to\":\"sip:alice@example.com\"}").status()).isEqualTo(201);
        JsonNode inv = victim.await(is("messagingInvitation", "started")).embedded();
        assertThat(victim.post(href(inv, "accept"), "").status()).isEqualTo(204);
        String aliceConversation = victim.await(is("conversation", "updated")).href();

        // Alice's application under Mallory's token: 404 ApplicationNotFound, as if it did not exist.
        for (String path : new String[] {victim.href(), victim.href() + "/me", victim.href() + "/events?ack=1", aliceConversation}) {
            Http.Response r = Http.get(server.baseUrl() + path, mallory.token());
            assertUcwaError(r, 404, "NotFound");
            assertThat(r.json().path("subcode").asText()).isEqualTo("ApplicationNotFound");
            assertThat(r.body()).doesNotContain("alice");
        }
        assertUcwaError(Http.delete(server.baseUrl() + victim.href(), mallory.token()), 404, "NotFound");
        // Alice's conversation id inside Mallory's own application: 404 too.
        String convId = aliceConversation.substring(aliceConversation.lastIndexOf('/') + 1);
        assertUcwaError(attacker.get(attacker.href() + "/communication/conversations/" + convId), 404, "NotFound");
        assertUcwaError(attacker.postText(attacker.href() + "/communication/conversations/" + convId + "/messaging/messages",
                "text/plain", "spoof"), 404, "NotFound");
        // Alice's application still works.
        assertThat(victim.get(victim.href()).status()).isEqualTo(200);
        victim.close();
        attacker.close();
    }

    @Test
    void authFailuresGetTheChallengeOrInvalidGrant() {
        String token = server.baseUrl() + "/WebTicket/oauthtoken";
        Http.Response wrong = Http.post(token, null, "application/x-www-form-urlencoded",
                "grant_type=password&username=alice@example.com&password=nope");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(Http.post(token, null, "application/x-www-form-urlencoded",
                "grant_type=password&username=ghost@example.com&password=x").json().path("error").asText()).isEqualTo("invalid_grant");
        assertThat(Http.post(token, null, "application/x-www-form-urlencoded",
                "grant_type=urn:microsoft.rtc:windows").json().path("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(Http.post(token, null, "application/x-www-form-urlencoded", "").json().path("error").asText())
                .isEqualTo("invalid_request");
        for (String bearer : new String[] {null, "cwt=forged", ""}) {
            Http.Response r = Http.get(server.baseUrl() + "/ucwa/oauth/v1/applications/123/me", bearer);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headerValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("MsRtcOAuth href=\""));
        }
    }

    @Test
    void expiredTokenIsRefusedWithTheChallenge() throws InterruptedException {
        try (TestServer shortTokens = TestServer.start(c -> c.withTokenLifetime(java.time.Duration.ofSeconds(1)))) {
            shortTokens.addUser("alice@example.com", "Alice", "a-pw");
            UcwaUser alice = UcwaUser.signIn(shortTokens, "alice@example.com", "a-pw");
            Thread.sleep(1500);
            Http.Response r = Http.get(alice.applicationsUrl(), alice.token());
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headerValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("MsRtcOAuth href=\""));
        }
    }
}
