package io.parley.client;

/**
 * What a client is told as it happens. Every method has an empty default; implement what you need. Calls
 * come from the event-channel thread, one at a time, in the order the server sent the events: do not
 * block in them for long (hand work to another thread).
 */
public interface UcwaListener {
    /** Someone invites us to a conversation: call {@link IncomingInvitation#accept()} or {@code decline()}. */
    default void onInvitation(IncomingInvitation invitation) {}

    /** An IM arrived in a conversation. */
    default void onMessage(IncomingMessage message) {}

    /** The other participant started ({@code true}) or stopped typing. */
    default void onTyping(Conversation conversation, boolean typing) {}

    /** A conversation changed state ({@code Connecting}, {@code Connected}, {@code Disconnected}...). */
    default void onConversationState(Conversation conversation, String state) {}

    /**
     * The server said we missed events (a {@code resync}): conversations known so far may be stale. The
     * client has already followed the resync link.
     */
    default void onResync() {}

    /** The application was gone (expired or deleted on the server) and a new one was created. */
    default void onApplicationRecreated() {}

    /** The event channel stopped for good (another instance took it over, or sign-in failed again). */
    default void onChannelClosed(UcwaException reason) {}
}
