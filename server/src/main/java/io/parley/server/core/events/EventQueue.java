package io.parley.server.core.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One application's event channel: an ordered queue of events cut into numbered packages.
 *
 * <p>Package {@code n} is built when a poll with {@code ack=n} is answered; it stays retained (a retry of
 * {@code ack=n} gets it again, byte for byte) until the poll for {@code ack=n+1} acknowledges it, and then
 * its events are gone for good. So at most one package is retained, and every event is delivered exactly
 * once to a client that follows {@code next}.
 *
 * <p>Not thread-safe: only touched under the {@link io.parley.server.core.Registry} lock.
 */
public final class EventQueue {
    /** The retained (built, not yet acknowledged) package: its number and its event range. */
    public record Retained(long number, long fromSeq, long toSeq) {}

    /** A poll waiting for events; completed exactly once. */
    public static final class ParkedPoll {
        final long ack;
        final long deadlineMillis;
        final CompletableFuture<PollOutcome> answer = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        long wakeAtMillis;

        ParkedPoll(long ack, long deadlineMillis) {
            this.ack = ack;
            this.deadlineMillis = deadlineMillis;
        }
    }

    private final String appId;
    private final ArrayDeque<QueuedEvent> events = new ArrayDeque<>();
    private long nextSeq;
    private long packagedSeq;
    private long nextPackageNumber;
    private Retained retained;
    // Events up to acknowledgedSeq were acknowledged and dropped from memory; the store has been told to delete
    // them up to trimWrittenSeq. The difference is deleted with the channel's next state save (see EventChannels).
    private long acknowledgedSeq;
    private long trimWrittenSeq;
    private ChannelSettings settings;
    private ParkedPoll parked;
    private long answeredAt;

    EventQueue(String appId, long nextSeq, long packagedSeq, long nextPackageNumber, Retained retained,
               ChannelSettings settings) {
        this.appId = appId;
        this.nextSeq = nextSeq;
        this.packagedSeq = packagedSeq;
        this.nextPackageNumber = nextPackageNumber;
        this.retained = retained;
        this.settings = settings;
    }

    static EventQueue fresh(String appId, ChannelSettings settings) {
        return new EventQueue(appId, 1, 0, 1, null, settings);
    }

    QueuedEvent append(RenderedEvent e, Receipt receipt, long nowMillis) {
        QueuedEvent event = new QueuedEvent(appId, nextSeq++, e.priority(), e.senderRel(), e.senderHref(),
                e.body(), nowMillis, receipt);
        events.addLast(event);
        return event;
    }

    /** Restores a stored event (load at start-up), in sequence order. */
    void restore(QueuedEvent event) {
        events.addLast(event);
        nextSeq = Math.max(nextSeq, event.seq() + 1);
    }

    boolean isRetained(long ack) {
        return retained != null && retained.number() == ack;
    }

    boolean isNext(long ack) {
        return ack == nextPackageNumber;
    }

    /** Where a client that lost track should resume: the first package it has not acknowledged. */
    long firstUnacknowledged() {
        return retained != null ? retained.number() : nextPackageNumber;
    }

    EventPackage retainedPackage() {
        return new EventPackage(appId, retained.number(), eventsBetween(retained.fromSeq(), retained.toSeq()));
    }

    /** Drops the retained package and its events; their deletion from the store is due with {@link #takeTrimDue}. */
    void acknowledgeRetained() {
        if (retained == null) {
            return;
        }
        long upTo = retained.toSeq();
        while (!events.isEmpty() && events.peekFirst().seq() <= upTo) {
            events.removeFirst();
        }
        retained = null;
        acknowledgedSeq = upTo;
    }

    /**
     * The sequence number up to which acknowledged events are still to be deleted from the store, or -1; the
     * caller writes that deletion, so it is not asked for again.
     */
    long takeTrimDue() {
        if (acknowledgedSeq <= trimWrittenSeq) {
            return -1;
        }
        trimWrittenSeq = acknowledgedSeq;
        return acknowledgedSeq;
    }

    boolean hasPending() {
        QueuedEvent last = events.peekLast();
        return last != null && last.seq() > packagedSeq;
    }

    /** When the pending events want to go out: now for high priority, after medium/low delays otherwise. */
    long releaseAtMillis() {
        long at = Long.MAX_VALUE;
        for (QueuedEvent e : events) {
            if (e.seq() <= packagedSeq) {
                continue;
            }
            long delay = switch (e.priority()) {
                case HIGH -> 0;
                case MEDIUM -> settings.mediumSeconds() * 1000L;
                case LOW -> settings.lowSeconds() * 1000L;
            };
            at = Math.min(at, e.appendedAtMillis() + delay);
            if (delay == 0) {
                break;
            }
        }
        return at;
    }

    /** Cuts the next package from the pending events (possibly none: an empty answer still advances). */
    EventPackage build(int maxEvents) {
        List<QueuedEvent> taken = new ArrayList<>();
        for (QueuedEvent e : events) {
            if (e.seq() > packagedSeq && taken.size() < maxEvents) {
                taken.add(e);
            }
        }
        long from = packagedSeq + 1;
        long to = taken.isEmpty() ? packagedSeq : taken.get(taken.size() - 1).seq();
        retained = new Retained(nextPackageNumber, from, to);
        packagedSeq = to;
        nextPackageNumber++;
        return new EventPackage(appId, retained.number(), taken);
    }

    private List<QueuedEvent> eventsBetween(long from, long to) {
        List<QueuedEvent> out = new ArrayList<>();
        for (QueuedEvent e : events) {
            if (e.seq() >= from && e.seq() <= to) {
                out.add(e);
            }
        }
        return out;
    }

    public String appId() {
        return appId;
    }

    long packagedSeq() {
        return packagedSeq;
    }

    long nextPackageNumber() {
        return nextPackageNumber;
    }

    Retained retained() {
        return retained;
    }

    ChannelSettings settings() {
        return settings;
    }

    void settings(ChannelSettings settings) {
        this.settings = settings;
    }

    ParkedPoll parked() {
        return parked;
    }

    void parked(ParkedPoll poll) {
        this.parked = poll;
    }

    long answeredAt() {
        return answeredAt;
    }

    void answeredAt(long millis) {
        this.answeredAt = millis;
    }

    public boolean hasParkedPoll() {
        return parked != null;
    }

    int size() {
        return events.size();
    }
}
