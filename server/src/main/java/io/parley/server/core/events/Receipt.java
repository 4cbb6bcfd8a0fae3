package io.parley.server.core.events;

/**
 * Rides on an incoming-message event: when the recipient's client acknowledges the package carrying it (by
 * polling for the next one), the sender's message (its routing group, application, conversation and number) is
 * delivered.
 */
public record Receipt(int senderGroup, String senderAppId, String senderConversationId, int messageNumber) {}
