package io.parley.server.core.events;

/**
 * The remembered {@code timeout}, {@code medium} and {@code low} of an event channel, in seconds
 * (protocol sheet §5.1: parameters persist until changed).
 */
public record ChannelSettings(int timeoutSeconds, int mediumSeconds, int lowSeconds) {}
