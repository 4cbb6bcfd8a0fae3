package io.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * One UCWA application in a test: its links, and an event-channel loop (on a virtual thread) that
 * follows {@code next} exactly as a client must and records every event in arrival order.
 */
public final class UcwaApp implements AutoCloseable {
    private final TestServer server;
    private final UcwaUser user;
    private final String self;
    private volatile String eventsUrl;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<JsonNode> pages = new CopyOnWriteArrayList<>();
    private volatile Thread poller;
    private volatile boolean polling;
    private volatile Http.Response lastFailure;

    /** One event with the sender block it came in. */
    public record Event(String sender, String rel, String href, String type, JsonNode body) {
        public JsonNode embedded() {
            JsonNode e = body.path("_embedded");
            return e.isMissingNode() ? e : e.elements().hasNext() ? e.elements().next() : e;
        }

        public String status() {
            return body.path("status").asText(null);
        }

        @Override
        public String toString() {
            return sender + ":" + rel + "/" + type + (status() == null ? "" : "(" + status() + ")");
        }
    }

    UcwaApp(TestServer server, UcwaUser user, JsonNode application) {
        this.server = server;
        this.user = user;
        this.self = UcwaUser.href(application, "self");
        this.eventsUrl = UcwaUser.href(application, "events");
    }

    public String href() {
        return self;
    }

    public String url(String href) {
        return server.baseUrl() + href;
    }

    public UcwaUser user() {
        return user;
    }

    public Http.Response get(String href) {
        return Http.get(url(href), user.token());
    }

    public Http.Response post(String href, String json) {
        return Http.postJson(url(href), user.token(), json);
    }

    public Http.Response postText(String href, String contentType, String text) {
        return Http.post(url(href), user.token(), contentType, text);
    }

    public JsonNode application() {
        Http.Response r = get(self);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    public void makeMeAvailable(String... formats) {
        String href = UcwaUser.href(application().path("_embedded").path("me"), "makeMeAvailable");
        StringBuilder f = new StringBuilder();
        for (String s : formats) {
            f.append(f.isEmpty() ? "" : ",").append('"').append(s).append('"');
        }
        Http.Response r = post(href, "{\"SupportedModalities\":[\"Messaging\"],\"supportedMessageFormats\":[" + f + "]}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    /** Starts the event-channel loop; events land in {@link #events()}. */
    public UcwaApp startPolling() {
        polling = true;
        poller = Thread.ofVirtual().name("poll-" + self).start(this::pollLoop);
        return this;
    }

    public void stopPolling() {
        polling = false;
        Thread t = poller;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pollLoop() {
        while (polling) {
            Http.Response r;
            try {
                r = Http.get(url(eventsUrl), user.token());
            } catch (RuntimeException e) {
                if (!polling) {
                    return;
                }
                sleep(100);
                continue; // the same URL again: a retry loses nothing
            }
            if (r.status() != 200) {
                lastFailure = r;
                if (r.status() == 404 || r.status() == 410) {
                    return;
                }
                sleep(100);
                continue;
            }
            JsonNode page = r.json();
            pages.add(page);
            JsonNode links = page.path("_links");
            if (links.has("resync")) {
                eventsUrl = links.path("resync").path("href").asText();
                continue;
            }
            for (JsonNode sender : page.path("sender")) {
                for (JsonNode e : sender.path("events")) {
                    events.add(new Event(sender.path("rel").asText(), e.path("link").path("rel").asText(),
                            e.path("link").path("href").asText(), e.path("type").asText(), e));
                }
            }
            eventsUrl = links.path("next").path("href").asText();
        }
    }

    public List<Event> events() {
        return new ArrayList<>(events);
    }

    public List<JsonNode> pages() {
        return new ArrayList<>(pages);
    }

    public String eventsUrl() {
        return eventsUrl;
    }

    public Http.Response lastFailure() {
        return lastFailure;
    }

    /** Waits for the first event (from the start) that matches. */
    public Event await(Predicate<Event> match) {
        return await(match, Duration.ofSeconds(15));
    }

    public Event await(Predicate<Event> match, Duration timeout) {
        Event[] found = new Event[1];
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Event e : events) {
                if (match.test(e)) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public Event await(String rel, String type) {
        return await(e -> e.rel().equals(rel) && e.type().equals(type));
    }

    /** The two messaging resources of a connected conversation, as each side's event said. */
    public record Connected(JsonNode callerMessaging, JsonNode calleeMessaging) {}

    /**
     * Invites the callee's user, has the callee accept, and waits until messaging is connected on both
     * sides (both applications must be polling).
     */
    public Connected connect(UcwaApp callee) {
        String start = UcwaUser.href(application().path("_embedded").path("communication"), "startMessaging");
        Http.Response r = post(start, "{\"to\":\"sip:" + callee.user().address() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode invitation = callee.await(is("messagingInvitation", "started")).embedded();
        assertThat(callee.post(UcwaUser.href(invitation, "accept"), "").status()).isEqualTo(204);
        return new Connected(awaitConnectedMessaging(), callee.awaitConnectedMessaging());
    }

    /** The first messaging event in the Connected state. */
    public JsonNode awaitConnectedMessaging() {
        return await(e -> e.rel().equals("messaging") && e.embedded().path("state").asText().equals("Connected")).embedded();
    }

    public static Predicate<Event> is(String rel, String type) {
        return e -> e.rel().equals(rel) && e.type().equals(type);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopPolling();
    }
}
