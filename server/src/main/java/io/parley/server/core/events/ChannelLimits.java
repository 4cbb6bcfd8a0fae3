package io.parley.server.core.events;

/**
 * Bounds and defaults for the event channel's {@code timeout}, {@code medium} and {@code low} parameters
 * (protocol sheet §5.1: 180 s [180, 1800], 5 s [5, 1800], 15 s [5, 1800]). Configurable so tests can use
 * seconds where UCWA uses minutes.
 */
public record ChannelLimits(int timeoutMin, int timeoutMax, int timeoutDefault,
                            int delayMin, int delayMax, int mediumDefault, int lowDefault) {

    public static ChannelLimits ucwa() {
        return new ChannelLimits(180, 1800, 180, 5, 1800, 5, 15);
    }

    public ChannelSettings defaults() {
        return new ChannelSettings(timeoutDefault, mediumDefault, lowDefault);
    }

    /** Applies the parameters a poll carried (null = keep the remembered value), clamped to the bounds. */
    public ChannelSettings apply(ChannelSettings current, Integer timeout, Integer medium, Integer low) {
        return new ChannelSettings(
                timeout == null ? current.timeoutSeconds() : clamp(timeout, timeoutMin, timeoutMax),
                medium == null ? current.mediumSeconds() : clamp(medium, delayMin, delayMax),
                low == null ? current.lowSeconds() : clamp(low, delayMin, delayMax));
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
