package io.parley.server.core.events;

/**
 * Rides on an incoming-message event: when the recipient's client acknowledges the package carrying it (by
 * polling for the next one), the sender's message (application, conversation, number) is delivered.
 */
public record Receipt(String senderAppId, String senderConversationId, int messageNumber) {}
