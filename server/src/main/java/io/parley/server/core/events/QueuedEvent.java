package io.parley.server.core.events;

/**
 * One event as it waits in an application's queue: already rendered (its body is the UCWA event object as
 * JSON, snapshotted when it happened), with the sender block it belongs in.
 */
public record QueuedEvent(
        String appId,
        long seq,
        Priority priority,
        String senderRel,
        String senderHref,
        String body,
        long appendedAtMillis,
        Receipt receipt) {}
