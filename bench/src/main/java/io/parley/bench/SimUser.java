package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * One simulated UCWA client, fully asynchronous (no thread per user): its token, one application,
 * makeMeAvailable, and an event channel that is always parked, following {@code next}. The harness gets
 * each incoming IM's text with the time it was read; invitations are accepted at once. Set-up goes through
 * the JDK's HttpClient; the hot path (polls and sends) through {@link PlainHttp} on virtual threads.
 */
final class SimUser {
    private final HttpClient http;
    private final String base;
    private final String address;
    private String token;
    private String app;
    private volatile String next;
    private volatile boolean polling;
    private volatile PlainHttp pollConnection;
    private volatile PlainHttp sendConnection;
    private final CompletableFuture<String> connectedSend = new CompletableFuture<>();
    private volatile BiConsumer<String, Long> onText = (t, n) -> {};
    final AtomicLong polls = new AtomicLong();
    final AtomicLong pollErrors = new AtomicLong();
    final AtomicLong eventsSeen = new AtomicLong();

    SimUser(HttpClient http, String base, String address) {
        this.http = http;
        this.base = base;
        this.address = address;
    }

    String address() {
        return address;
    }

    String token() {
        return token;
    }

    /** Another application of an already signed-in user: same token, own application and channel. */
    SimUser withToken(String token, String endpointId, boolean available) throws Exception {
        this.token = token;
        return createApplication(endpointId, available);
    }

    /** Token, application and (optionally) makeMeAvailable; blocking, used during set-up only. */
    SimUser signIn(String password, String endpointId, boolean available) throws Exception {
        HttpResponse<String> t = http.send(HttpRequest.newBuilder(URI.create(base + "/WebTicket/oauthtoken"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username="
                        + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (t.statusCode() != 200) {
            throw new IllegalStateException("sign-in of " + address + " failed: " + t.body());
        }
        token = json(t.body()).path("access_token").asText();
        return createApplication(endpointId, available);
    }

    private SimUser createApplication(String endpointId, boolean available) throws Exception {
        HttpResponse<String> a = http.send(request("/ucwa/oauth/v1/applications").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"userAgent\":\"parley-bench\",\"endpointId\":\"" + endpointId
                        + "\",\"culture\":\"en-US\"}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode application = json(a.body());
        app = application.path("_links").path("self").path("href").asText();
        next = application.path("_links").path("events").path("href").asText();
        if (available) {
            HttpResponse<String> m = http.send(request(app + "/me/makeMeAvailable").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"supportedModalities\":[\"Messaging\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (m.statusCode() != 204) {
                throw new IllegalStateException("makeMeAvailable failed: " + m.statusCode() + " " + m.body());
            }
        }
        return this;
    }

    void onText(BiConsumer<String, Long> handler) {
        this.onText = handler;
    }

    /**
     * Starts the always-parked event channel (timeout in seconds, as a query parameter on the first poll) on
     * its own virtual thread and connection.
     */
    void startPolling(int timeoutSeconds) {
        polling = true;
        next = next + "&timeout=" + timeoutSeconds;
        pollConnection = new PlainHttp(base, (timeoutSeconds + 60) * 1000);
        Thread.ofVirtual().name("poll " + address).start(this::pollLoop);
    }

    /** Stops polling, cuts the parked poll and closes the connection IMs went out on. */
    void stopPolling() {
        polling = false;
        for (PlainHttp c : new PlainHttp[] {pollConnection, sendConnection}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private void pollLoop() {
        while (polling) {
            polls.incrementAndGet();
            try {
                PlainHttp.Response r = pollConnection.exchange("GET", next, token, null, null);
                long readAt = System.nanoTime();
                if (r.status() != 200) {
                    throw new IOException("event channel answered " + r.status());
                }
                EventPageScan page = EventPageScan.of(r.body());
                next = page.next();
                eventsSeen.addAndGet(page.events());
                for (String text : page.incomingTexts()) {
                    onText.accept(text, readAt);
                }
                if (page.needsTree()) {
                    handleRare(json(new String(r.body(), StandardCharsets.UTF_8)));
                }
            } catch (IOException | RuntimeException e) {
                if (!polling) {
                    return;
                }
                pollErrors.incrementAndGet();
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    /** Invitation and messaging-state events: accepts incoming invitations, notes the sendMessage link. */
    private void handleRare(JsonNode page) {
        for (JsonNode sender : page.path("sender")) {
            for (JsonNode e : sender.path("events")) {
                String rel = e.path("link").path("rel").asText();
                String type = e.path("type").asText();
                JsonNode embedded = e.path("_embedded").path(rel);
                if (rel.equals("messagingInvitation") && type.equals("started")
                        && "Incoming".equals(embedded.path("direction").asText())) {
                    String accept = embedded.path("_links").path("accept").path("href").asText();
                    http.sendAsync(request(accept).POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                } else if (rel.equals("messaging") && "Connected".equals(embedded.path("state").asText())) {
                    connectedSend.complete(embedded.path("_links").path("sendMessage").path("href").asText());
                }
            }
        }
    }

    /** Invites someone; the future completes with this side's sendMessage href once connected. */
    CompletableFuture<String> invite(String to) {
        http.sendAsync(request(app + "/communication/messagingInvitations").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"sip:" + to + "\"}")).build(), HttpResponse.BodyHandlers.discarding());
        return connectedSend;
    }

    CompletableFuture<String> connected() {
        return connectedSend;
    }

    /** Sends one IM and waits for the answer; returns the HTTP status. One send at a time per user, like a client. */
    synchronized int send(String sendHref, String text) throws IOException {
        if (sendConnection == null) {
            sendConnection = new PlainHttp(base, 60_000);
        }
        return sendConnection.exchange("POST", sendHref, token, "text/plain; charset=utf-8",
                text.getBytes(StandardCharsets.UTF_8)).status();
    }

    /** Posts a note (a medium event on every one of the user's applications); for liveness checks. */
    CompletableFuture<Integer> touch(String text) {
        return http.sendAsync(request(app + "/me/note").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + text + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    CompletableFuture<Void> delete() {
        stopPolling();
        return http.sendAsync(request(app).DELETE().build(), HttpResponse.BodyHandlers.discarding()).thenApply(r -> null);
    }

    private HttpRequest.Builder request(String href) {
        return HttpRequest.newBuilder(URI.create(href.startsWith("http") ? href : base + href))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }

    private static JsonNode json(String body) {
        try {
            return UcwaJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
