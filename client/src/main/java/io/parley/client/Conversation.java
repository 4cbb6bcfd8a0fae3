package io.parley.client;

import io.parley.protocol.UcwaJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A two-party IM conversation. {@link #connected()} completes when messaging is connected (or fails with
 * {@link InvitationFailedException}); {@link #send} returns a future that completes when the server
 * confirms delivery to the other side (or fails when it could not deliver).
 *
 * <p>All links come from the server (sendMessage, stopMessaging...); none are built from patterns.
 */
public final class Conversation {
    private final UcwaClient client;
    private final String remoteUri;
    private final String subject;
    private final boolean outgoing;
    private final CompletableFuture<Conversation> connected = new CompletableFuture<>();
    private volatile String href;
    private volatile String state = "Connecting";
    private volatile String messagingHref;
    private volatile String sendMessageHref;
    private volatile String stopMessagingHref;
    private volatile String typingHref;
    private volatile boolean html;

    Conversation(UcwaClient client, String href, String remoteUri, String subject, boolean outgoing) {
        this.client = client;
        this.href = href;
        this.remoteUri = remoteUri;
        this.subject = subject;
        this.outgoing = outgoing;
    }

    /** The conversation's own href on the server (null until the server named it). */
    public String href() { return href; }
    public String remoteUri() { return remoteUri; }
    public String subject() { return subject; }
    public boolean isOutgoing() { return outgoing; }
    public String state() { return state; }
    public boolean isConnected() { return "Connected".equals(state) && sendMessageHref != null; }
    /** True when both sides negotiated HTML. */
    public boolean supportsHtml() { return html; }

    /** Completes with this conversation once messaging is connected. */
    public CompletableFuture<Conversation> connected() {
        return connected;
    }

    /** Sends plain text; completes when the other side got it. */
    public CompletableFuture<Void> send(String text) {
        return post("text/plain; charset=utf-8", text);
    }

    /** Sends HTML (only when {@link #supportsHtml()}); completes when the other side got it. */
    public CompletableFuture<Void> sendHtml(String html) {
        return post("text/html; charset=utf-8", html);
    }

    /** Tells the other side we are typing (it lapses by itself after a few seconds). */
    public void typing() {
        String href = typingHref;
        if (href != null) {
            client.session().post(href);
        }
    }

    /** Stops messaging (ends the conversation for both sides). Ending an ended conversation is fine. */
    public void stop() {
        String href = stopMessagingHref;
        if (href == null || "Disconnected".equals(state)) {
            return;
        }
        Session.Response r = client.session().post(href);
        if (!r.ok() && r.status() != 404) {
            throw r.error("stopMessaging");
        }
    }

    private CompletableFuture<Void> post(String contentType, String body) {
        String target = sendMessageHref;
        if (target == null) {
            return CompletableFuture.failedFuture(new UcwaException(409, "Conflict", null, "The conversation is not connected."));
        }
        String operationId = UUID.randomUUID().toString();
        String url = target + (target.contains("?") ? "&" : "?") + "operationId="
                + URLEncoder.encode(operationId, StandardCharsets.UTF_8);
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        Session.Response r = client.session().postText(url, contentType, body);
        if (r.status() != 201 || r.location() == null) {
            return CompletableFuture.failedFuture(r.error("sendMessage"));
        }
        client.dispatcher().awaitDelivery(path(r.location()), delivered);
        return delivered;
    }

    // ---- updated by the event dispatcher ----

    void href(String href) {
        this.href = href;
    }

    void messaging(String state, String messagingHref, String sendMessage, String stopMessaging, String typing,
                   boolean html) {
        this.messagingHref = messagingHref == null ? this.messagingHref : messagingHref;
        this.sendMessageHref = sendMessage;
        this.stopMessagingHref = stopMessaging != null ? stopMessaging : this.stopMessagingHref;
        this.typingHref = typing;
        this.html = html;
        if ("Connected".equals(state)) {
            this.state = "Connected";
            connected.complete(this);
        } else if ("Disconnected".equals(state)) {
            this.state = "Disconnected";
        }
    }

    void state(String state) {
        this.state = state;
    }

    void fail(InvitationFailedException e) {
        this.state = "Disconnected";
        connected.completeExceptionally(e);
    }

    String messagingHref() {
        return messagingHref;
    }

    /** Location headers may be absolute; events carry paths. Compare by path. */
    static String path(String href) {
        return href.startsWith("http") ? java.net.URI.create(href).getRawPath() : href;
    }

    @Override
    public String toString() {
        return "Conversation[" + remoteUri + ", " + state + "]";
    }

    static String json(Object o) {
        try {
            return UcwaJson.mapper().writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
