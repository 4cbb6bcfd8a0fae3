package io.parley.server.core.events;

/** What the event renderer makes of a {@link Notice}: the event object and its sender block. */
public record RenderedEvent(Priority priority, String senderRel, String senderHref, String body) {}
