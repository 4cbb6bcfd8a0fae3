package io.parley.server.store.sql;

import java.util.concurrent.TimeUnit;

/**
 * When the store writer should wait a moment before a commit, so that more batches share it (like PostgreSQL's
 * {@code commit_delay}).
 *
 * <p>Why: each commit costs an fsync and rewrites, whole, every WAL page it touched; the hot pages (the ends of
 * the messages and events tables, the event-queue rows) are the same from one commit to the next. Under load,
 * gathering for 2 ms halved the bytes written per IM and took about 15% off the server's CPU per IM (measured
 * at 4,000 IMs/s, docs/benchmarks.md item 19). It costs up to that long in latency, so the writer only gathers
 * while batches arrive faster than {@link #BUSY_BATCHES_PER_SECOND}, judged over windows of
 * {@link #WINDOW_NANOS}: a burst of a few requests at light load is committed at once (gathering on the size
 * of the last group alone raised p90 at 200 IMs/s from 1.8 to 5 ms).
 *
 * <p>Only the writer thread uses it.
 */
final class CommitGathering {
    /** About 1,850 IMs/s (2.16 batches each, docs/benchmarks.md item 20): below that, commits are never delayed. */
    static final long BUSY_BATCHES_PER_SECOND = 4_000;
    static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** A group this big already shares its commit well: waiting longer would only add latency. */
    static final int ENOUGH_BATCHES = 32;
    private long windowStart;
    private long windowBatches;
    private boolean busy;

    CommitGathering(long nowNanos) {
        this.windowStart = nowNanos;
    }

    /** Records that a commit of {@code batches} batches began at {@code nowNanos}. */
    void committing(int batches, long nowNanos) {
        windowBatches += batches;
        long elapsed = nowNanos - windowStart;
        if (elapsed >= WINDOW_NANOS) {
            busy = windowBatches * TimeUnit.SECONDS.toNanos(1) >= BUSY_BATCHES_PER_SECOND * elapsed;
            windowStart = nowNanos;
            windowBatches = 0;
        }
    }

    /**
     * How long to gather before the next commit, with {@code waiting} batches already queued for it: nothing
     * unless the last full window was busy, and nothing once enough are waiting (at saturation a commit takes
     * long enough for big groups to form by themselves).
     */
    long gatherNanos(int waiting) {
        return busy && waiting < ENOUGH_BATCHES ? GATHER_NANOS : 0;
    }
}
