package io.parley.server.core.events;

/** UCWA event priorities (protocol sheet §5.4): high releases a parked poll at once, the others may wait. */
public enum Priority {
    HIGH, MEDIUM, LOW
}
