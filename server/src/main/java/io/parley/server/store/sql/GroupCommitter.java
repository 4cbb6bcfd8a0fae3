package io.parley.server.store.sql;

import io.parley.server.core.store.Committer;
import io.parley.server.core.store.StoreUnavailable;
import io.parley.server.core.store.StoreWrite;
import io.parley.server.core.store.WriteBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one writer thread takes every batch waiting in the queue, writes them all in one
 * transaction, commits once (one fsync for many requests) and then reports each batch durable, in order.
 *
 * <p>Under load the writer waits a moment before each commit so that more batches share it
 * ({@link CommitGathering}).
 *
 * <p>If a transaction fails, the batches in it are retried one by one so that one bad batch fails alone.
 * Completions run on virtual threads, never on the writer, so a slow listener cannot stall commits.
 */
public final class GroupCommitter implements Committer {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    private static final int MAX_BATCHES_PER_COMMIT = 2_000;
    private static final int COMPLETIONS_PER_THREAD = 16;
    private final ConnectionSource source;
    private Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService completions = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread writer;
    private volatile boolean closing;
    /** Bumped by {@link #resume}; a batch submitted in a generation that saw a failure is refused, never written. */
    private volatile long generation;
    private volatile long failedGeneration = -1;
    private long commits;
    private long batches;

    private record Pending(List<StoreWrite> writes, CompletableFuture<Void> done, long generation) {}

    private static final Pending STOP = new Pending(List.of(), null, -1);

    /** Opens the writer's connection, and opens it again after the database dropped it. */
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    public GroupCommitter(ConnectionSource source) {
        this.source = source;
        this.writer = Thread.ofPlatform().name("parley-store-writer").daemon(true).start(this::run);
    }

    @Override
    public CompletableFuture<Void> submit(WriteBatch batch) {
        if (closing) {
            return CompletableFuture.failedFuture(new IllegalStateException("The store is closed."));
        }
        if (!isAvailable()) {
            return CompletableFuture.failedFuture(StoreUnavailable.exception());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Pending(List.copyOf(batch.writes()), done, generation));
        return done;
    }

    @Override
    public boolean isAvailable() {
        return failedGeneration < generation;
    }

    @Override
    public void resume() {
        generation++;
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        CommitGathering gathering = new CommitGathering(System.nanoTime());
        while (true) {
            try {
                Pending first = queue.take();
                if (first == STOP) {
                    return;
                }
                group.clear();
                group.add(first);
                long gather = gathering.gatherNanos(1 + queue.size());
                if (gather > 0) {
                    LockSupport.parkNanos(gather);
                }
                queue.drainTo(group, MAX_BATCHES_PER_COMMIT - 1);
                boolean stop = group.remove(STOP);
                gathering.committing(group.size(), System.nanoTime());
                commit(refuseStale(group));
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Refuses the batches of a generation that saw a failure: the core is reloading what is stored. */
    private List<Pending> refuseStale(List<Pending> group) {
        List<Pending> fresh = new ArrayList<>(group.size());
        for (Pending p : group) {
            if (p.generation() <= failedGeneration) {
                completions.execute(() -> p.done().completeExceptionally(StoreUnavailable.exception()));
            } else {
                fresh.add(p);
            }
        }
        return fresh;
    }

    private void commit(List<Pending> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            if (connection == null) {
                connection = source.open();
                connection.setAutoCommit(false);
            }
            for (Pending p : group) {
                execute(p.writes());
            }
            connection.commit();
            commits++;
            batches += group.size();
            reportDurable(group);
        } catch (SQLException e) {
            rollbackQuietly();
            dropIfBroken();
            if (group.size() == 1) {
                Pending p = group.get(0);
                failedGeneration = Math.max(failedGeneration, p.generation());
                log.error("A change could not be stored and was refused; the server reloads its state from the store "
                        + "before it accepts more: {}", e.getMessage());
                completions.execute(() -> p.done().completeExceptionally(StoreUnavailable.exception()));
                return;
            }
            // One by one, so that a bad batch fails alone; once one failed, the rest of its generation is refused
            // rather than stored after it (the stored state stays a prefix of what was submitted).
            for (Pending p : group) {
                commit(refuseStale(new ArrayList<>(List.of(p))));
            }
        }
    }

    /**
     * Completes the group's futures, in order, on one virtual thread per {@value #COMPLETIONS_PER_THREAD}
     * batches. A thread per batch cost a scheduler hand-off each (three per IM); one thread for the whole group
     * would let one answer whose write blocks (a client that stopped reading) hold up everyone after it.
     */
    private void reportDurable(List<Pending> group) {
        for (int from = 0; from < group.size(); from += COMPLETIONS_PER_THREAD) {
            List<Pending> chunk = List.copyOf(group.subList(from, Math.min(group.size(), from + COMPLETIONS_PER_THREAD)));
            completions.execute(() -> chunk.forEach(p -> p.done().complete(null)));
        }
    }

    private void execute(List<StoreWrite> writes) throws SQLException {
        for (StoreWrite w : writes) {
            SqlWrite write = (SqlWrite) w;
            PreparedStatement ps = statements.get(write.sql());
            if (ps == null) {
                ps = connection.prepareStatement(write.sql());
                statements.put(write.sql(), ps);
            }
            SqlDatabase.bind(ps, write.params());
            ps.executeUpdate();
        }
    }

    private void rollbackQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("Rollback failed: {}", e.getMessage());
        }
    }

    /** A connection the database dropped (a restarted PostgreSQL) is closed; the next commit opens another. */
    private void dropIfBroken() {
        if (connection == null) {
            return;
        }
        boolean valid;
        try {
            valid = connection.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            closeConnection();
        }
    }

    private void closeConnection() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection is going anyway
            }
        }
        statements.clear();
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already broken or closing
        }
        connection = null;
    }

    /** Commits and batches so far (for metrics: batches per commit shows how well grouping works). */
    public long commits() {
        return commits;
    }

    public long batches() {
        return batches;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        queue.add(STOP);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            closeConnection();
        }
        completions.close();
    }
}
