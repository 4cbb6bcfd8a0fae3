package io.parley.server.core.events;

/** What an events request gets: a package, a resync link, or a refusal because a newer poll replaced it. */
public sealed interface PollOutcome {
    record Package(EventPackage events) implements PollOutcome {}

    record Resync(String appId, long ack) implements PollOutcome {}

    record Replaced() implements PollOutcome {}
}
