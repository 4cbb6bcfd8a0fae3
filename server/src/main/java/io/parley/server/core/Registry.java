package io.parley.server.core;

import io.parley.server.core.routing.Envelope;
import io.parley.server.core.routing.PostOffice;
import io.parley.server.core.store.Committer;
import io.parley.server.core.store.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import io.parley.server.core.store.StoreUnavailable;
import java.util.LinkedHashSet;
import java.util.Set;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock over one routing group's live state (its users' applications, event queues, conversation legs,
 * invitations) and the discipline every change follows: change memory under the lock, hand the writes to the
 * store in the same order, and only report success after they are durable. Mail the change sent to other
 * groups is queued before the lock is released and applied after (see {@link PostOffice}).
 *
 * <p>Danger: never wait for a commit while holding the lock (use {@link #mutate}, which waits after
 * unlocking) and never call back into {@link #mutate} from inside a mutation; the lock is reentrant but a
 * nested mutation would commit separately.
 */
public final class Registry {
    private static final Logger log = LoggerFactory.getLogger(Registry.class);
    private final ReentrantLock lock = new ReentrantLock();
    private final int group;
    private final Committer committer;
    private final Clock clock;
    private Consumer<Tx> finisher = tx -> {};
    private PostOffice postOffice;
    private long lastMailSeq;

    public Registry(int group, Committer committer, Clock clock) {
        this.group = group;
        this.committer = committer;
        this.clock = clock;
    }

    /** The routing group whose state this registry guards. */
    public int group() {
        return group;
    }

    /** Connects the group to the post office; {@code lastMailSeq} is the highest mail number it sent that is still stored. */
    public void setPostOffice(PostOffice postOffice, long lastMailSeq) {
        this.postOffice = postOffice;
        this.lastMailSeq = lastMailSeq;
    }

    /** Called at the end of every mutation, still under the lock (the event channel releases polls there). */
    public void setFinisher(Consumer<Tx> finisher) {
        this.finisher = finisher;
    }

    public Clock clock() {
        return clock;
    }

    /** Runs a change and waits until it is durable. For request threads (virtual threads block cheaply). */
    public <T> T mutate(Function<Tx, T> change) {
        try {
            return mutateAsync(change).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    /** Runs a change; the future completes with its result once durable, or with the change's exception. */
    public <T> CompletableFuture<T> mutateAsync(Function<Tx, T> change) {
        T result;
        CompletableFuture<Void> commit;
        Tx tx;
        RuntimeException refused = null;
        List<Envelope> queued = new ArrayList<>();
        List<Registry> alsoLocked = new ArrayList<>();
        lock.lock();
        try {
            if (!committer.isAvailable()) {
                // A commit failed: memory may hold what the store does not, until the state is reloaded.
                return CompletableFuture.failedFuture(StoreUnavailable.exception());
            }
            tx = new Tx(this, clock.instant(), new WriteBatch());
            try {
                result = change.apply(tx);
            } catch (RuntimeException e) {
                // A refused change may already have written (rare: validation after a side effect);
                // commit what it did so memory and store agree, then report the refusal.
                refused = e;
                result = null;
            }
            finisher.accept(tx);
            deliverAtOnce(tx, tx, queued, alsoLocked, 0);
            for (Envelope e : queued) {
                if (e.mail().durable()) {
                    postOffice.inbox().insert(tx.batch(), e);
                }
            }
            commit = commitLocked(tx);
            postOffice.post(queued);
        } finally {
            for (int i = alsoLocked.size() - 1; i >= 0; i--) {
                alsoLocked.get(i).lock.unlock();
            }
            lock.unlock();
        }
        if (!queued.isEmpty()) {
            Set<Integer> targets = new LinkedHashSet<>();
            queued.forEach(e -> targets.add(e.targetGroup()));
            postOffice.drain(targets);
        }
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        T answer = result;
        return commit.thenApply(ignored -> answer);
    }

    /** Addresses a mail from this group (under the lock: mails are numbered in the order they are sent). */
    Envelope envelope(Tx tx, int target, io.parley.server.core.routing.Mail mail) {
        return new Envelope(group, ++lastMailSeq, target, mail, tx.nowMillis());
    }

    /** How deep a chain of replies is applied at once before the rest goes the ordinary way. */
    private static final int MAX_REPLIES_AT_ONCE = 4;

    /**
     * The fast way for mail: applied inside this change, to the target group's state, in a change of its own
     * whose writes join this change's batch, when the target's lock is free at once and no earlier mail waits
     * for it. Sender's and receiver's writes then commit together, so the mail needs no inbox row, and an IM
     * costs one commit, not two. Otherwise (the target busy, mail queued before, a chain of replies too long)
     * the mail goes the ordinary way: stored with this change, queued, applied after it.
     *
     * <p>Locks taken here are tried, never waited for, so two groups mailing each other cannot deadlock; they
     * are held until this change's batch is handed to the store and its queued mail posted, so that nothing the
     * target does next can reach the store, or the target's mailbox, before this change does.
     */
    private void deliverAtOnce(Tx top, Tx from, List<Envelope> queued, List<Registry> alsoLocked, int depth) {
        for (Envelope e : from.outbox()) {
            Registry target = postOffice.registry(e.targetGroup());
            boolean held = target.lock.isHeldByCurrentThread();
            if (depth >= MAX_REPLIES_AT_ONCE || (!held && !target.lock.tryLock())) {
                queued.add(e);
                continue;
            }
            if (!held) {
                alsoLocked.add(target);
            }
            if (!postOffice.mayApplyAtOnce(e.targetGroup())) {
                queued.add(e); // earlier mail waits for the target: this one must not overtake it
                continue;
            }
            Tx sub = new Tx(target, top.now(), top.batch());
            postOffice.apply(sub, e);
            target.finisher.accept(sub);
            top.adopt(sub);
            target.deliverAtOnce(top, sub, queued, alsoLocked, depth + 1);
        }
    }

    /** Runs {@code action} holding this group's lock, with no change in progress (reloading the group). */
    public void exclusively(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** Reads live state under the lock; nothing is written. */
    public <T> T read(Supplier<T> reader) {
        lock.lock();
        try {
            return reader.get();
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<Void> commitLocked(Tx tx) {
        CompletableFuture<Void> commit = tx.batch().isEmpty()
                ? CompletableFuture.completedFuture(null)
                : committer.submit(tx.batch());
        if (!tx.afterCommitActions().isEmpty() || !tx.afterFailureActions().isEmpty()) {
            commit = commit.whenComplete((ok, error) -> {
                if (error == null) {
                    tx.afterCommitActions().forEach(Registry::runQuietly);
                } else {
                    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                            ? error.getCause() : error;
                    tx.afterFailureActions().forEach(action -> runQuietly(() -> action.accept(cause)));
                }
            });
        }
        return commit;
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("An after-commit action failed; the change itself is durable", e);
        }
    }
}
