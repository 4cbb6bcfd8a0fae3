package io.parley.server.core.events;

/**
 * Rides on an incoming-message event: when the event channel hands that event to its client, the sender's
 * message (application, conversation, number) is delivered.
 */
public record Receipt(String senderAppId, String senderConversationId, int messageNumber) {}
