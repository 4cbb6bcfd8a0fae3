package io.parley.server.core.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One application's view of a two-party IM conversation: one leg, living in its user's routing group. The other
 * party's view is a separate leg in the other application (its {@link #peerAppId}/{@link #peerConversationId}),
 * perhaps in another group: each side has its own ids, messages and events, exactly as two UCWA applications
 * would see them, and the two sides talk by mail.
 *
 * <p>Kept (read-only) for a while after it ends, because clients look things up after the other side
 * has gone (tolerances, "Lifetimes").
 */
public final class Conversation {
    public enum State { Incoming, Connecting, Connected, Disconnected }

    public enum MessagingState { Connecting, Connected, Disconnected }

    private final String id;
    private final String appId;
    private final String localAddress;
    private final String remoteAddress;
    private final String threadId;
    private final Instant createdAt;
    private String subject;
    private String importance;
    private State state;
    private MessagingState messaging;
    private List<String> negotiatedFormats = List.of("Plain");
    private String peerAppId;
    private String peerConversationId;
    private String invitationId;
    private boolean remoteJoined;
    private int lastMessageNumber;
    private Instant endedAt;
    private final MessageLog messages = new MessageLog();
    // Ephemeral: until when the remote participant is listed as typing here.
    private Instant remoteTypingUntil;

    public Conversation(String id, String appId, String localAddress, String remoteAddress, String threadId,
                        String subject, String importance, State state, Instant createdAt) {
        this.id = id;
        this.appId = appId;
        this.localAddress = localAddress;
        this.remoteAddress = remoteAddress;
        this.threadId = threadId;
        this.subject = subject;
        this.importance = importance;
        this.state = state;
        this.messaging = MessagingState.Connecting;
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String appId() { return appId; }
    public String localAddress() { return localAddress; }
    public String remoteAddress() { return remoteAddress; }
    public String threadId() { return threadId; }
    public Instant createdAt() { return createdAt; }
    public String subject() { return subject; }
    public String importance() { return importance; }
    public State state() { return state; }
    public MessagingState messaging() { return messaging; }
    public List<String> negotiatedFormats() { return negotiatedFormats; }
    public String peerAppId() { return peerAppId; }
    public String peerConversationId() { return peerConversationId; }
    public String invitationId() { return invitationId; }
    public boolean isRemoteJoined() { return remoteJoined; }
    public int lastMessageNumber() { return lastMessageNumber; }
    public Instant endedAt() { return endedAt; }
    public Instant remoteTypingUntil() { return remoteTypingUntil; }

    public boolean isConnected() {
        return state == State.Connected && messaging == MessagingState.Connected;
    }

    public boolean isEnded() {
        return state == State.Disconnected;
    }

    public boolean allowsHtml() {
        return negotiatedFormats.contains("Html");
    }

    public MessageLog messages() {
        return messages;
    }

    public List<String> activeModalities() {
        return state == State.Incoming || messaging == MessagingState.Connected ? List.of("Messaging") : List.of();
    }

    void invitationId(String invitationId) {
        this.invitationId = invitationId;
    }

    void reopen(String subject, String importance) {
        if (subject != null) {
            this.subject = subject;
        }
        this.importance = importance;
        this.state = State.Connecting;
        this.messaging = MessagingState.Connecting;
        this.endedAt = null;
        this.peerAppId = null;
        this.peerConversationId = null;
        this.remoteJoined = false;
    }

    /**
     * An incoming leg knows its peer from the ring on, and holds the formats the caller offered until the accept
     * settles them.
     */
    void expectPeer(String peerAppId, String peerConversationId, List<String> offeredFormats) {
        this.peerAppId = peerAppId;
        this.peerConversationId = peerConversationId;
        this.negotiatedFormats = List.copyOf(offeredFormats);
    }

    void connect(String peerAppId, String peerConversationId, List<String> formats) {
        this.peerAppId = peerAppId;
        this.peerConversationId = peerConversationId;
        this.negotiatedFormats = List.copyOf(formats);
        this.state = State.Connected;
        this.messaging = MessagingState.Connected;
        this.remoteJoined = true;
    }

    void disconnect(Instant at) {
        this.state = State.Disconnected;
        this.messaging = MessagingState.Disconnected;
        this.remoteJoined = false;
        this.remoteTypingUntil = null;
        this.endedAt = at;
    }

    Message addMessage(long serial, boolean outgoing, String text, boolean html, Instant at, String operationId,
                       Message.Status status) {
        Message m = new Message(serial, ++lastMessageNumber, outgoing, text, html, at, operationId, status);
        messages.add(m);
        return m;
    }

    /**
     * Drops the oldest message when more than {@code keep} are held (a long-lived bot conversation must not
     * grow without bound); returns it, or null.
     */
    Message forgetOldest(int keep) {
        if (messages.size() <= keep) {
            return null;
        }
        return messages.removeFirst();
    }

    void remoteTypingUntil(Instant until) {
        this.remoteTypingUntil = until;
    }

    public void restore(State state, MessagingState messaging, List<String> formats, String peerAppId,
                        String peerConversationId, String invitationId, boolean remoteJoined, int lastMessageNumber,
                        Instant endedAt, List<Message> stored) {
        this.state = state;
        this.messaging = messaging;
        this.negotiatedFormats = List.copyOf(formats);
        this.peerAppId = peerAppId;
        this.peerConversationId = peerConversationId;
        this.invitationId = invitationId;
        this.remoteJoined = remoteJoined;
        this.lastMessageNumber = lastMessageNumber;
        this.endedAt = endedAt;
        stored.stream().sorted(java.util.Comparator.comparingInt(Message::number)).forEach(messages::add);
    }

}
