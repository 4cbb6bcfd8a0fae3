package io.parley.server.core.conversation;

import io.parley.protocol.UcwaError;
import java.time.Instant;

/**
 * A messaging invitation as one application sees it: the outgoing one of the caller, or one incoming per
 * ringing endpoint of the callee. Incoming invitations point at the outgoing one they came from
 * ({@link #ringOf}); the first accept wins.
 */
public final class Invitation {
    public enum State { Connecting, Connected, Declined, Failed, Cancelled }

    private final String id;
    private final String appId;
    private final String conversationId;
    private final boolean outgoing;
    private final String fromAddress;
    private final String toAddress;
    private final String subject;
    private final String importance;
    private final String operationId;
    private final String threadId;
    private final String firstMessage;
    private final boolean firstMessageHtml;
    private final String ringOf;
    private final Instant createdAt;
    private final Instant deadline;
    private State state = State.Connecting;
    private UcwaError failure;

    public Invitation(String id, String appId, String conversationId, boolean outgoing, String fromAddress,
                      String toAddress, String subject, String importance, String operationId, String threadId,
                      String firstMessage, boolean firstMessageHtml, String ringOf, Instant createdAt,
                      Instant deadline) {
        this.id = id;
        this.appId = appId;
        this.conversationId = conversationId;
        this.outgoing = outgoing;
        this.fromAddress = fromAddress;
        this.toAddress = toAddress;
        this.subject = subject;
        this.importance = importance;
        this.operationId = operationId;
        this.threadId = threadId;
        this.firstMessage = firstMessage;
        this.firstMessageHtml = firstMessageHtml;
        this.ringOf = ringOf;
        this.createdAt = createdAt;
        this.deadline = deadline;
    }

    public String id() { return id; }
    public String appId() { return appId; }
    public String conversationId() { return conversationId; }
    public boolean isOutgoing() { return outgoing; }
    public String fromAddress() { return fromAddress; }
    public String toAddress() { return toAddress; }
    public String subject() { return subject; }
    public String importance() { return importance; }
    public String operationId() { return operationId; }
    public String threadId() { return threadId; }
    public String firstMessage() { return firstMessage; }
    public boolean isFirstMessageHtml() { return firstMessageHtml; }
    public String ringOf() { return ringOf; }
    public Instant createdAt() { return createdAt; }
    public Instant deadline() { return deadline; }
    public State state() { return state; }
    public UcwaError failure() { return failure; }

    public boolean isPending() {
        return state == State.Connecting;
    }

    void connect() {
        state = State.Connected;
    }

    void fail(State finalState, UcwaError reason) {
        state = finalState;
        failure = reason;
    }

    public void restore(State state, UcwaError failure) {
        this.state = state;
        this.failure = failure;
    }
}
