package io.parley.server.core.routing;

import java.util.List;

/**
 * What one routing group tells another about a conversation whose two legs live in different groups (each leg
 * lives in its user's group). A mail is written to the inbox in the same commit as the sender's change and
 * deleted in the same commit as the receiver's, so it takes effect exactly once, across crashes too; typing is
 * the one exception, ephemeral as everywhere else.
 *
 * <p>"Caller" is the group of the user who started the conversation, "callee" the other one.
 */
public sealed interface Mail {
    /** Whether the mail must survive a crash (everything but typing). */
    default boolean durable() {
        return true;
    }

    /**
     * Caller to callee: ring the callee's available endpoints for this outgoing invitation ({@code importance} as
     * the caller sent it; {@code offeredFormats} the caller's message formats).
     */
    record Ring(String outgoingId, String callerAppId, String callerConversationId, String from, String to,
                String subject, String importance, String threadId, String firstMessage, boolean firstMessageHtml,
                long deadlineMillis, List<String> offeredFormats) implements Mail {}

    /** Callee to caller: no endpoint could be rung. */
    record RingFailed(String outgoingId, String subcode, String message) implements Mail {}

    /** Callee to caller: an endpoint accepted; its leg is connected. */
    record Accepted(String outgoingId, String calleeAppId, String calleeConversationId, List<String> formats)
            implements Mail {}

    /** Callee to caller: the invitation was declined. */
    record Declined(String outgoingId) implements Mail {}

    /** Caller to callee: the outgoing invitation ended ({@code reason} says how); the rings stop. */
    record StopRinging(String outgoingId, String reason) implements Mail {}

    /** Either way: the other leg ended or never joined, so this leg ends too. */
    record PeerLeft(String conversationId) implements Mail {}

    /** An IM for the other leg, and what the receipt needs to confirm it to its sender. */
    record Deliver(String conversationId, String text, boolean html, String senderAppId, String senderConversationId,
                   int messageNumber) implements Mail {}

    /** Back to the sender: the recipient's client acknowledged the message. */
    record Delivered(String conversationId, int messageNumber) implements Mail {}

    /** Back to the sender: the other leg had ended, so the message cannot be delivered. */
    record Undeliverable(String conversationId, int messageNumber) implements Mail {}

    /** The other leg's user is typing (ephemeral: never stored). */
    record Typing(String conversationId) implements Mail {
        @Override
        public boolean durable() {
            return false;
        }
    }
}
