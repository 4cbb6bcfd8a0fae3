package io.parley.server.core.conversation;

import java.time.Instant;

/**
 * One IM in one application's view of a conversation. Outgoing messages start {@code Pending} and become
 * {@code Succeeded} when the recipient's event channel delivered them, or {@code Failed} at the deadline.
 *
 * <p>Besides its number within the conversation, every message has a server-wide {@code serial}, ascending in
 * the order messages were created. A store keys messages by it, so that the messages of many conversations
 * created close together are also stored together (one commit then touches a few pages, not one per
 * conversation).
 */
public final class Message {
    public enum Status { Pending, Succeeded, Failed }

    private final long serial;
    private final int number;
    private final boolean outgoing;
    private final String text;
    private final boolean html;
    private final Instant timestamp;
    private final String operationId;
    private Status status;

    public Message(long serial, int number, boolean outgoing, String text, boolean html, Instant timestamp, String operationId,
                   Status status) {
        this.serial = serial;
        this.number = number;
        this.outgoing = outgoing;
        this.text = text;
        this.html = html;
        this.timestamp = timestamp;
        this.operationId = operationId;
        this.status = status;
    }

    public long serial() { return serial; }
    public int number() { return number; }
    public boolean isOutgoing() { return outgoing; }
    public String text() { return text; }
    public boolean isHtml() { return html; }
    public Instant timestamp() { return timestamp; }
    public String operationId() { return operationId; }
    public Status status() { return status; }

    void status(Status status) {
        this.status = status;
    }
}
