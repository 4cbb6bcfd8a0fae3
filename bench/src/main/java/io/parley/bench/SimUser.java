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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

/**
 * One simulated UCWA client, fully asynchronous (no thread per user): its token, one application,
 * makeMeAvailable, and an event channel that is always parked, following {@code next}. The harness gets
 * each incoming IM's text with the time it was read; invitations are accepted at once. Set-up goes through
 * the JDK's HttpClient; the hot path (polls and sends) through {@link HttpLoop}, whose one thread drives every
 * user's connections.
 */
final class SimUser {
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-poll-retry");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http;
    private final HttpLoop loop;
    private final String base;
    private final String address;
    private String token;
    private String app;
    private volatile String next;
    private volatile boolean polling;
    private volatile HttpLoop.Connection pollConnection;
    private final HttpLoop.Connection sendConnection;
    private final HttpLoop.Handler pollHandler = new PollHandler();
    private final CompletableFuture<String> connectedSend = new CompletableFuture<>();
    private volatile BiConsumer<String, Long> onText = (t, n) -> {};
    final AtomicLong polls = new AtomicLong();
    final AtomicLong pollErrors = new AtomicLong();
    final AtomicLong eventsSeen = new AtomicLong();

    SimUser(Bench.Http client, String base, String address) {
        this.http = client.http;
        this.loop = client.loop;
        this.sendConnection = loop.connection(base);
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
     * its own connection: each answer starts the next poll on the loop thread.
     */
    void startPolling(int timeoutSeconds) {
        polling = true;
        next = next + "&timeout=" + timeoutSeconds;
        pollConnection = loop.connection(base);
        poll();
    }

    /** Stops polling, cuts the parked poll and closes the connection IMs went out on. */
    void stopPolling() {
        polling = false;
        HttpLoop.Connection polls = pollConnection;
        if (polls != null) {
            polls.close();
        }
        sendConnection.close();
    }

    private void poll() {
        if (!polling) {
            return;
        }
        polls.incrementAndGet();
        pollConnection.exchange("GET", next, token, null, null, pollHandler);
    }

    private final class PollHandler implements HttpLoop.Handler {
        @Override
        public void answered(HttpLoop.Response r) {
            long readAt = System.nanoTime();
            try {
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
                failed(e instanceof IOException io ? io : new IOException(e));
                return;
            }
            poll();
        }

        @Override
        public void failed(IOException error) {
            if (!polling) {
                return;
            }
            pollErrors.incrementAndGet();
            RETRIES.schedule(SimUser.this::poll, 100, TimeUnit.MILLISECONDS);
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

    /**
     * Sends one IM; {@code onStatus} gets the HTTP status (-1 when there was no answer) on the loop thread.
     * One send at a time per user, like a client: the next waits for this one's answer.
     */
    void sendAsync(String sendHref, String text, IntConsumer onStatus) {
        sendConnection.exchange("POST", sendHref, token, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8),
                new HttpLoop.Handler() {
                    @Override
                    public void answered(HttpLoop.Response response) {
                        onStatus.accept(response.status());
                    }

                    @Override
                    public void failed(IOException error) {
                        onStatus.accept(-1);
                    }
                });
    }

    /** Sends one IM and waits for the answer; returns the HTTP status. */
    int send(String sendHref, String text) throws IOException {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        sendAsync(sendHref, text, status::complete);
        try {
            int s = status.get(60, TimeUnit.SECONDS);
            if (s < 0) {
                throw new IOException("sendMessage got no answer");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("sendMessage got no answer in time", e);
        }
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
