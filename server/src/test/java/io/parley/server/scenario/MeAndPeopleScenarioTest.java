package io.parley.server.scenario;

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

/** {@code me} (makeMeAvailable, presence, note, location, reportMyActivity) and {@code people}. */
class MeAndPeopleScenarioTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.addUser("alice@example.com", "Alice Archer", "a-pw");
        server.addUser("bob@example.com", "Bob Baker", "b-pw");
        server.addUser("albert@example.com", "Albert Aardvark", "x-pw");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void makeMeAvailableUnlocksPresenceNoteAndLocation() {
        UcwaUser alice = UcwaUser.signIn(server, "alice@example.com", "a-pw");
        UcwaApp app = alice.createApp("me-test");
        JsonNode me = app.get(app.href() + "/me").json();
        assertThat(me.path("name").asText()).isEqualTo("Alice Archer");
        assertThat(me.path("uri").asText()).isEqualTo("sip:alice@example.com");
        assertThat(href(me, "presence")).isNull();
        Http.Response early = app.get(app.href() + "/me/presence");
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("subcode").asText()).isEqualTo("MakeMeAvailableRequired");

        app.makeMeAvailable("Plain");
        Http.Response twice = app.post(href(me, "makeMeAvailable"), "{}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("subcode").asText()).isEqualTo("AlreadyExists");
        me = app.get(app.href() + "/me").json();
        assertThat(href(me, "makeMeAvailable")).isNull();
        for (String rel : new String[] {"presence", "note", "location", "reportMyActivity"}) {
            assertThat(href(me, rel)).as(rel).isNotNull();
        }
        assertThat(app.get(href(me, "presence")).json().path("availability").asText()).isEqualTo("Online");
        assertThat(app.post(href(me, "presence"), "{\"availability\":\"Busy\"}").status()).isEqualTo(204);
        assertThat(app.get(href(me, "presence")).json().path("availability").asText()).isEqualTo("Busy");
        assertThat(app.post(href(me, "presence"), "{\"availability\":\"Sleepy\"}").status()).isEqualTo(400);
        assertThat(app.post(href(me, "note"), "{\"message\":\"Heads down\"}").status()).isEqualTo(204);
        assertThat(app.get(href(me, "note")).json().path("message").asText()).isEqualTo("Heads down");
        assertThat(app.post(href(me, "location") + "?location=Lab", "").status()).isEqualTo(204);
        assertThat(app.get(href(me, "location")).json().path("location").asText()).isEqualTo("Lab");
        assertThat(app.post(href(me, "reportMyActivity"), "").status()).isEqualTo(204);
        assertThat(app.post(app.href() + "/reportMyActivity", "").status()).isEqualTo(204);

        // Others see Alice's presence; once her applications are gone she is Offline.
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
        UcwaApp bobApp = bob.createApp("watcher");
        JsonNode presence = bobApp.get(bobApp.href() + "/people/alice@example.com/presence").json();
        assertThat(presence.path("availability").asText()).isEqualTo("Busy");
        assertThat(bobApp.get(bobApp.href() + "/people/alice@example.com/note").json().path("message").asText())
                .isEqualTo("Heads down");
        assertThat(Http.delete(app.url(app.href()), alice.token()).status()).isEqualTo(204);
        assertThat(bobApp.get(bobApp.href() + "/people/alice@example.com/presence").json().path("availability").asText())
                .isEqualTo("Offline");
    }

    @Test
    void searchFindsPeopleByAddressOrName() {
        UcwaUser bob = UcwaUser.signIn(server, "bob@example.com", "b-pw");
        UcwaApp app = bob.createApp("search");
        String search = href(app.application().path("_embedded").path("people"), "search");
        for (String q : new String[] {"sip:alice@example.com", "alice%40example.com", "alice@example.com", "Archer", "ali"}) {
            JsonNode r = app.get(search + "?query=" + q).json();
            assertThat(r.path("_embedded").path("contact").isArray()).as(q).isTrue();
            assertThat(r.path("_embedded").path("contact")).as(q).hasSize(1);
            JsonNode contact = r.path("_embedded").path("contact").get(0);
            assertThat(contact.path("uri").asText()).isEqualTo("sip:alice@example.com");
            assertThat(contact.path("name").asText()).isEqualTo("Alice Archer");
            assertThat(contact.path("emailAddresses")).isNotEmpty();
            assertThat(href(contact, "contactPresence")).isNotNull();
        }
        assertThat(app.get(search + "?query=al&limit=1").json().path("_embedded").path("contact")).hasSize(1);
        assertThat(app.get(search + "?query=al").json().path("_embedded").path("contact")).hasSize(2);
        assertThat(app.get(search + "?query=nobody").json().path("_embedded").path("contact")).isEmpty();
        assertThat(app.get(app.href() + "/people/alice@example.com").json().path("name").asText()).isEqualTo("Alice Archer");
        assertThat(app.get(app.href() + "/people/nobody@example.com").status()).isEqualTo(404);
        for (String collection : new String[] {"contacts", "groups", "presenceSubscriptions"}) {
            Http.Response r = app.get(app.href() + "/people/" + collection);
            assertThat(r.status()).as(collection).isEqualTo(200);
            assertThat(href(r.json(), "self")).isNotNull();
        }
    }
}
