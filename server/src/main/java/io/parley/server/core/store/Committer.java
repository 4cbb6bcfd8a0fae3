package io.parley.server.core.store;

import java.util.concurrent.CompletableFuture;

/**
 * Makes batches durable. Batches are committed in the order they were submitted (the event channel relies
 * on it: a package is committed after the events it carries), and the future completes only once the batch
 * is on disk. Implementations group concurrent batches into one transaction (group commit).
 */
public interface Committer extends AutoCloseable {
    CompletableFuture<Void> submit(WriteBatch batch);

    @Override
    void close();
}
