package io.parley.server.core;

import io.parley.server.core.store.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One core operation in progress, under the registry lock: the writes it makes, the event queues it
 * touched, and what must happen once its writes are durable (answering a parked poll, for one).
 */
public final class Tx {
    private final WriteBatch batch = new WriteBatch();
    private final Instant now;
    private final Set<String> touchedQueues = new LinkedHashSet<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    Tx(Instant now) {
        this.now = now;
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

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }
}
