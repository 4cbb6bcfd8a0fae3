package io.parley.server.core.routing;

/**
 * A mail on its way: from which group, its number there (with the source group, its key in the inbox; a group
 * numbers its mails in the order it sends them, which is the order they are applied), and to which group.
 */
public record Envelope(int sourceGroup, long seq, int targetGroup, Mail mail, long sentAtMillis) {}
