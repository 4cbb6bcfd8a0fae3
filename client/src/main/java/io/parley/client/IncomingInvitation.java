package io.parley.client;

/**
 * An invitation to a conversation, as it rings: who calls, the subject, the first message (already
 * decoded, empty when there was none). Accept or decline it once; accept is idempotent on the server.
 */
public final class IncomingInvitation {
    private final UcwaClient client;
    private final Conversation conversation;
    private final String fromUri;
    private final String fromName;
    private final String subject;
    private final String firstMessage;
    private final String acceptHref;
    private final String declineHref;

    IncomingInvitation(UcwaClient client, Conversation conversation, String fromUri, String fromName, String subject,
                       String firstMessage, String acceptHref, String declineHref) {
        this.client = client;
        this.conversation = conversation;
        this.fromUri = fromUri;
        this.fromName = fromName;
        this.subject = subject;
        this.firstMessage = firstMessage;
        this.acceptHref = acceptHref;
        this.declineHref = declineHref;
    }

    public String fromUri() { return fromUri; }
    public String fromName() { return fromName; }
    public String subject() { return subject; }
    public String firstMessage() { return firstMessage; }

    /** The conversation this invitation is for; {@link Conversation#connected()} completes on accept. */
    public Conversation conversation() {
        return conversation;
    }

    /** Accepts; the conversation connects (watch {@link Conversation#connected()}). */
    public Conversation accept() {
        Session.Response r = client.session().post(acceptHref);
        if (!r.ok()) {
            throw r.error("accept");
        }
        return conversation;
    }

    /** Declines on this endpoint only ({@code Local}); the caller's other endpoints decide for themselves. */
    public void decline() {
        Session.Response r = client.session().postJson(declineHref, "{\"reason\":\"Local\"}");
        if (!r.ok()) {
            throw r.error("decline");
        }
    }
}
