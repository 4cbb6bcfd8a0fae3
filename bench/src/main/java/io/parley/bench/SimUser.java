package io.parley.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.DataUri;
import io.parley.protocol.UcwaJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One simulated UCWA client, fully asynchronous (no thread per user): its token, one application,
 * makeMeAvailable, and an event channel that is always parked, following {@code next}. The harness gets
 * each incoming IM's text with the time it was read; invitations are accepted at once.
 */
final class SimUser {
    private final HttpClient http;
    private final String base;
    private final String address;
    private String token;
    private String app;
    private volatile String next;
    private volatile boolean polling;
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

    /** Starts the always-parked event channel (timeout in seconds, as a query parameter on the first poll). */
    void startPolling(int timeoutSeconds) {
        polling = true;
        next = next + "&timeout=" + timeoutSeconds;
        poll();
    }

    void stopPolling() {
        polling = false;
    }

    private void poll() {
        if (!polling) {
            return;
        }
        polls.incrementAndGet();
        http.sendAsync(request(next).timeout(Duration.ofSeconds(2000)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, error) -> {
                    if (error != null || r.statusCode() != 200) {
                        pollErrors.incrementAndGet();
                        if (polling) {
                            CompletableFuture.delayedExecutor(100, java.util.concurrent.TimeUnit.MILLISECONDS).execute(this::poll);
                        }
                        return;
                    }
                    long readAt = System.nanoTime();
                    JsonNode page = json(r.body());
                    JsonNode links = page.path("_links");
                    next = links.has("resync") ? links.path("resync").path("href").asText() : links.path("next").path("href").asText();
                    poll(); // re-park before handling: the ack goes out at once
                    handle(page, readAt);
                });
    }

    private void handle(JsonNode page, long readAt) {
        for (JsonNode sender : page.path("sender")) {
            for (JsonNode e : sender.path("events")) {
                eventsSeen.incrementAndGet();
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
                } else if (rel.equals("message") && "Incoming".equals(embedded.path("direction").asText())) {
                    String plain = embedded.path("_links").path("plainMessage").path("href").asText(null);
                    if (plain != null) {
                        onText.accept(DataUri.decode(plain).text(), readAt);
                    }
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

    /** Sends one IM; the future completes with the HTTP status. */
    CompletableFuture<Integer> send(String sendHref, String text) {
        return http.sendAsync(request(sendHref).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.discarding())
                .thenApply(HttpResponse::statusCode);
    }

    /** Posts a note (a medium event on every one of the user's applications); for liveness checks. */
    CompletableFuture<Integer> touch(String text) {
        return http.sendAsync(request(app + "/me/note").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"" + text + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    CompletableFuture<Void> delete() {
        polling = false;
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
