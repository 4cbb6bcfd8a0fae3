package io.parley.server.core;

import io.parley.server.core.routing.Envelope;
import io.parley.server.core.routing.Mail;
import io.parley.server.core.store.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One core operation in progress, under its routing group's lock: the writes it makes, the event queues it
 * touched, the mail it sends to other groups, and what must happen once its writes are durable (answering a
 * parked poll, for one).
 */
public final class Tx {
    private final WriteBatch batch;
    private final Registry registry;
    private final Instant now;
    private final List<Envelope> outbox = new ArrayList<>();
    private final Set<String> touchedQueues = new LinkedHashSet<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<java.util.function.Consumer<Throwable>> afterFailure = new ArrayList<>();

    /** A change of {@code registry}'s group writing into {@code batch} (another change's, when mail is applied at once). */
    Tx(Registry registry, Instant now, WriteBatch batch) {
        this.registry = registry;
        this.now = now;
        this.batch = batch;
    }

    /** Takes over what must happen after the commit of a change whose writes joined this one's batch. */
    void adopt(Tx sub) {
        afterCommit.addAll(sub.afterCommit);
        afterFailure.addAll(sub.afterFailure);
    }

    /** The routing group this change runs in. */
    public int group() {
        return registry.group();
    }

    /**
     * Sends mail to a routing group (this one included): stored with this change, applied there after it (see
     * {@link io.parley.server.core.routing.PostOffice}).
     */
    public void send(int targetGroup, Mail mail) {
        outbox.add(registry.envelope(this, targetGroup, mail));
    }

    List<Envelope> outbox() {
        return outbox;
    }

    public WriteBatch batch() {
        return batch;
    }

    public Instant now() {
        return now;
    }

    public long nowMillis() {
        return now.toEpochMilli();
    }

    /** An application's event queue got events in this operation. */
    public void touchQueue(String appId) {
        touchedQueues.add(appId);
    }

    /** Takes the queues touched so far, so a finisher can work until nothing new is touched. */
    public Set<String> drainTouchedQueues() {
        Set<String> out = new LinkedHashSet<>(touchedQueues);
        touchedQueues.clear();
        return out;
    }

    /** Runs once the writes are durable; never when they failed. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Runs if the writes could not be stored (a poll waiting for its package is answered with the error). */
    public void afterFailure(java.util.function.Consumer<Throwable> action) {
        afterFailure.add(action);
    }

    /** Completes {@code answer} with {@code value} once the writes are durable, or with the error if they failed. */
    public <T> void completeAfterCommit(java.util.concurrent.CompletableFuture<T> answer, T value) {
        afterCommit(() -> answer.complete(value));
        afterFailure(answer::completeExceptionally);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    List<java.util.function.Consumer<Throwable>> afterFailureActions() {
        return afterFailure;
    }
}
