package io.parley.server.core.store;

import java.util.concurrent.CompletableFuture;

/**
 * Makes batches durable. Batches are committed in the order they were submitted (the event channel relies
 * on it: a package is committed after the events it carries), and the future completes only once the batch
 * is on disk. Implementations group concurrent batches into one transaction (group commit).
 */
public interface Committer extends AutoCloseable {
    CompletableFuture<Void> submit(WriteBatch batch);

    /**
     * False once a commit failed, until {@link #resume}: what was in memory may then differ from what is stored,
     * so nothing more is accepted until the core has reloaded the stored state.
     */
    default boolean isAvailable() {
        return true;
    }

    /** Accepts batches again (after the core reloaded what the store holds). */
    default void resume() {
    }

    @Override
    void close();
}
