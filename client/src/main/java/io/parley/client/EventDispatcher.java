package io.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.protocol.DataUri;
import io.parley.protocol.UcwaDate;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns event-channel answers into conversation state and listener calls. Conversations are known by
 * their href; outgoing invitations are matched to their conversation by operationId (the started event
 * can arrive before the 201 that names the invitation); message confirmations by the message href.
 */
final class EventDispatcher {
    private final UcwaClient client;
    private final Map<String, Conversation> byHref = new ConcurrentHashMap<>();
    private final Map<String, Conversation> pendingByOperation = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Boolean> earlyOutcomes = new ConcurrentHashMap<>();
    private final Set<String> seenMessages = ConcurrentHashMap.newKeySet();
    private final Set<String> seenInvitations = ConcurrentHashMap.newKeySet();

    EventDispatcher(UcwaClient client) {
        this.client = client;
    }

    void expectInvitation(String operationId, Conversation conversation) {
        pendingByOperation.put(operationId, conversation);
    }

    /** Registers a sent message; completes at once if its confirmation already came. */
    void awaitDelivery(String messageHref, CompletableFuture<Void> delivered) {
        deliveries.put(messageHref, delivered);
        Boolean early = earlyOutcomes.remove(messageHref);
        if (early != null) {
            complete(messageHref, early, null);
        }
    }

    void dispatch(JsonNode page) {
        for (JsonNode sender : page.path("sender")) {
            for (JsonNode event : sender.path("events")) {
                try {
                    handle(sender.path("href").asText(), event);
                } catch (RuntimeException e) {
                    // One odd event must not stop the channel; the rest still matter.
                    System.getLogger(EventDispatcher.class.getName()).log(System.Logger.Level.WARNING,
                            "Ignored an event the client could not read: " + event, e);
                }
            }
        }
    }

    private void handle(String senderHref, JsonNode event) {
        String rel = event.path("link").path("rel").asText();
        String type = event.path("type").asText();
        JsonNode embedded = event.path("_embedded").path(rel);
        switch (rel) {
            case "messagingInvitation" -> invitation(event, type, embedded);
            case "messaging" -> messaging(senderHref, embedded);
            case "conversation" -> conversation(event, type, embedded);
            case "message" -> message(senderHref, event, embedded);
            case "participant" -> typing(senderHref, event, type);
            default -> { }
        }
    }

    private void invitation(JsonNode event, String type, JsonNode inv) {
        if (inv.isMissingNode()) {
            return;
        }
        boolean incoming = "Incoming".equalsIgnoreCase(inv.path("direction").asText());
        String conversationHref = href(inv, "conversation");
        Conversation c = conversationHref == null ? null : byHref.get(conversationHref);
        if (!incoming && c == null) {
            Conversation pending = pendingByOperation.get(inv.path("operationId").asText(""));
            if (pending != null && conversationHref != null) {
                pending.href(conversationHref);
                byHref.put(conversationHref, pending);
                c = pending;
            }
        }
        if (incoming && "started".equals(type) && seenInvitations.add(href(inv, "self"))) {
            JsonNode from = inv.path("_embedded").path("from");
            String fromUri = from.path("uri").asText(null);
            Conversation created = new Conversation(client, conversationHref, fromUri, inv.path("subject").asText(""), false);
            byHref.put(conversationHref, created);
            String first = href(inv, "message");
            client.listener().onInvitation(new IncomingInvitation(client, created, fromUri, from.path("name").asText(fromUri),
                    inv.path("subject").asText(""), first == null ? "" : DataUri.decode(first).text(),
                    href(inv, "accept"), href(inv, "decline")));
            return;
        }
        if ("completed".equals(type) && c != null) {
            if ("Success".equalsIgnoreCase(event.path("status").asText())) {
                if (!c.isConnected()) {
                    client.refreshMessaging(c);
                }
            } else {
                JsonNode reason = event.path("reason");
                if (!incoming) {
                    pendingByOperation.values().remove(c);
                }
                c.fail(new InvitationFailedException(inv.path("state").asText(null), reason.path("code").asText(null),
                        reason.path("subcode").asText(null), reason.path("message").asText("The invitation failed.")));
                client.listener().onConversationState(c, "Disconnected");
            }
        }
    }

    private void messaging(String conversationHref, JsonNode m) {
        Conversation c = byHref.get(href(m, "conversation") != null ? href(m, "conversation") : conversationHref);
        if (c == null || m.isMissingNode()) {
            return;
        }
        update(c, m);
    }

    void update(Conversation c, JsonNode m) {
        boolean wasConnected = c.isConnected();
        c.messaging(m.path("state").asText(), href(m, "self"), href(m, "sendMessage"), href(m, "stopMessaging"),
                href(m, "setIsTyping"), m.path("negotiatedMessageFormats").toString().contains("Html"));
        if (!wasConnected && c.isConnected()) {
            client.listener().onConversationState(c, "Connected");
        }
    }

    private void conversation(JsonNode event, String type, JsonNode conv) {
        Conversation c = byHref.get(event.path("link").path("href").asText());
        if (c == null) {
            return;
        }
        String state = "deleted".equals(type) ? "Disconnected" : conv.path("state").asText(c.state());
        if ("Disconnected".equals(state) && !"Disconnected".equals(c.state())) {
            c.state("Disconnected");
            c.fail(new InvitationFailedException("Disconnected", "Gone", null, "The conversation ended."));
            client.listener().onConversationState(c, "Disconnected");
        }
    }

    private void message(String conversationHref, JsonNode event, JsonNode m) {
        String messageHref = event.path("link").path("href").asText();
        boolean success = "Success".equalsIgnoreCase(event.path("status").asText());
        if (m.isMissingNode() || "Outgoing".equalsIgnoreCase(m.path("direction").asText())) {
            if (deliveries.containsKey(messageHref)) {
                complete(messageHref, success, event.path("reason"));
            } else {
                earlyOutcomes.put(messageHref, success);
            }
            return;
        }
        if (!seenMessages.add(messageHref)) {
            return;
        }
        Conversation c = byHref.get(conversationHref);
        String plain = href(m, "plainMessage");
        String html = href(m, "htmlMessage");
        String ts = m.path("timeStamp").asText(null);
        JsonNode participant = m.path("_links").path("participant");
        client.listener().onMessage(new IncomingMessage(c, c == null ? null : c.remoteUri(), participant.path("title").asText(null),
                ts == null ? Instant.now() : UcwaDate.parse(ts), plain == null ? "" : DataUri.decode(plain).text(),
                html == null ? null : DataUri.decode(html).text()));
    }

    private void typing(String conversationHref, JsonNode event, String type) {
        if (!"typingParticipants".equals(event.path("in").path("rel").asText())) {
            return;
        }
        Conversation c = byHref.get(conversationHref);
        if (c != null) {
            client.listener().onTyping(c, "added".equals(type));
        }
    }

    private void complete(String messageHref, boolean success, JsonNode reason) {
        CompletableFuture<Void> f = deliveries.remove(messageHref);
        if (f == null) {
            return;
        }
        if (success) {
            f.complete(null);
        } else {
            f.completeExceptionally(new UcwaException(0, reason == null ? null : reason.path("code").asText(null),
                    reason == null ? null : reason.path("subcode").asText(null), "The message was not delivered."));
        }
    }

    static String href(JsonNode resource, String rel) {
        JsonNode link = resource.path("_links").path(rel);
        if (link.isArray()) {
            link = link.path(0);
        }
        return link.path("href").asText(null);
    }
}
