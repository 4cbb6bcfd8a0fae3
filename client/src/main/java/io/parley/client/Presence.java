package io.parley.client;

/** Someone's presence: {@code availability} (Online, Busy, Away, Offline...) and the display activity. */
public record Presence(String availability, String activity) {}
