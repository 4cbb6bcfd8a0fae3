package io.parley.server.core.events;

import io.parley.server.core.Registry;
import io.parley.server.core.Tx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * All event channels: publishing notices into application queues, and answering polls (protocol sheet §5).
 *
 * <p>How a poll is answered: a retry of the retained package gets it again; the next ack acknowledges the
 * retained package and either gets a package at once (something is due) or parks until an event is due
 * or the timeout passes; anything else gets a resync to the first unacknowledged package. A newer poll
 * replaces a parked one (the older gets {@link PollOutcome.Replaced}). Parked polls hold no thread: they
 * are futures, woken by {@link #finish} at the end of the change that queued the events, or by a timer.
 *
 * <p>Every answer that built a package completes only after that package is durable, so a package the
 * client saw is still there to be retried after a crash.
 */
public final class EventChannels {
    private static final int MAX_EVENTS_PER_PACKAGE = 500;
    private final Registry registry;
    private final EventStore store;
    private final NoticeRenderer renderer;
    private final ScheduledExecutorService timers;
    private final ChannelLimits limits;
    private final Map<String, EventQueue> queues = new HashMap<>();
    private DeliveryListener deliveries = (tx, receipt) -> {};

    public EventChannels(Registry registry, EventStore store, NoticeRenderer renderer,
                         ScheduledExecutorService timers, ChannelLimits limits) {
        this.registry = registry;
        this.store = store;
        this.renderer = renderer;
        this.timers = timers;
        this.limits = limits;
    }

    public void onDelivery(DeliveryListener listener) {
        this.deliveries = listener;
    }

    /** Fails every parked poll with {@code reason} and forgets every queue (before a reload from the store). */
    public void unload(RuntimeException reason) {
        shutdown(reason);
        queues.clear();
    }

    /** Takes this group's stored queues and their events, in queue order (start-up, before any request). */
    public void load(List<EventStore.QueueState> stored, List<QueuedEvent> storedEvents) {
        for (EventStore.QueueState s : stored) {
            queues.put(s.appId(), new EventQueue(s.appId(), s.packagedSeq() + 1, s.packagedSeq(),
                    s.nextPackageNumber(), s.retained(), s.settings()));
        }
        for (QueuedEvent e : storedEvents) {
            EventQueue q = queues.get(e.appId());
            if (q != null) {
                q.restore(e);
            }
        }
    }

    public void open(Tx tx, String appId) {
        EventQueue q = EventQueue.fresh(appId, limits.defaults());
        queues.put(appId, q);
        saveState(tx, q);
    }

    /** Closes an application's channel; a parked poll is failed with {@code reason}. */
    public void close(Tx tx, String appId, RuntimeException reason) {
        EventQueue q = queues.remove(appId);
        if (q == null) {
            return;
        }
        EventQueue.ParkedPoll poll = q.parked();
        if (poll != null) {
            cancelTimer(poll);
            poll.answer.completeExceptionally(reason);
        }
        store.deleteQueue(tx.batch(), appId);
    }

    public void publish(Tx tx, Notice notice) {
        publish(tx, notice, null);
    }

    /**
     * Queues an event for the notice's application; {@code receipt} fires when the client acknowledges the
     * package that carried it.
     */
    public void publish(Tx tx, Notice notice, Receipt receipt) {
        EventQueue q = queues.get(notice.appId());
        if (q == null) {
            return;
        }
        QueuedEvent event = q.append(renderer.render(notice), receipt, tx.nowMillis());
        store.append(tx.batch(), event);
        tx.touchQueue(q.appId());
    }

    /** How many polls are parked right now (call under the registry lock). */
    public int parkedPolls() {
        int n = 0;
        for (EventQueue q : queues.values()) {
            if (q.hasParkedPoll()) {
                n++;
            }
        }
        return n;
    }

    public boolean hasParkedPoll(String appId) {
        EventQueue q = queues.get(appId);
        return q != null && q.hasParkedPoll();
    }

    /**
     * Answers {@code GET events?ack=N} (under the lock, inside {@code tx}). The returned future completes
     * with the outcome once it is durable, or later for a parked poll.
     */
    public CompletableFuture<PollOutcome> poll(Tx tx, String appId, long ack, Integer timeout, Integer medium,
                                               Integer low) {
        EventQueue q = queues.get(appId);
        if (q == null) {
            throw new io.parley.server.core.UcwaException(io.parley.protocol.ErrorCode.NotFound, "ApplicationNotFound",
                    "The application has no event channel; create a new one.");
        }
        CompletableFuture<PollOutcome> answer = new CompletableFuture<>();
        ChannelSettings settings = limits.apply(q.settings(), timeout, medium, low);
        if (!settings.equals(q.settings())) {
            q.settings(settings);
            saveState(tx, q);
        }
        if (q.isRetained(ack)) {
            // A retry after a lost answer: the same package again.
            EventPackage again = q.retainedPackage();
            tx.completeAfterCommit(answer, new PollOutcome.Package(again));
            return answer;
        }
        if (!q.isNext(ack)) {
            long resync = q.firstUnacknowledged();
            tx.completeAfterCommit(answer, new PollOutcome.Resync(appId, resync));
            return answer;
        }
        if (q.retained() != null) {
            // The client proved it got the retained package by asking for the next one: only now are the
            // messages in it delivered (a package handed to a client that vanished proves nothing).
            for (QueuedEvent e : q.retainedPackage().events()) {
                if (e.receipt() != null) {
                    deliveries.delivered(tx, e.receipt());
                }
            }
        }
        // The acknowledgement is not written now: it is stored with the channel's next state save (with the next
        // package, or the channel's close). Until then the store still holds the acknowledged package as retained,
        // and after a crash the client's next poll (ack=N+1) acknowledges it again. So a poll that only
        // acknowledges and parks costs no commit: one commit fewer per IM, for the sender's channel.
        q.acknowledgeRetained();
        EventQueue.ParkedPoll older = q.parked();
        if (older != null) {
            cancelTimer(older);
            q.parked(null);
            older.answer.complete(new PollOutcome.Replaced());
        }
        EventQueue.ParkedPoll poll = new EventQueue.ParkedPoll(ack,
                tx.nowMillis() + settings.timeoutSeconds() * 1000L);
        q.parked(poll);
        if (q.hasPending() && q.releaseAtMillis() <= tx.nowMillis()) {
            answerParked(tx, q);
        } else {
            schedule(q, poll, Math.min(poll.deadlineMillis, q.releaseAtMillis()), tx.nowMillis());
        }
        return poll.answer;
    }

    /**
     * Releases a parked poll whose client hung up (inside a change): it no longer counts as parked, its timer
     * is cancelled and the channel counts as answered now (for the application's idle expiry). Nothing was
     * handed out, so no event is lost. A poll already answered or replaced ({@code answer} is not the one
     * parked) is left alone.
     */
    public void abandon(Tx tx, String appId, CompletableFuture<PollOutcome> answer) {
        EventQueue q = queues.get(appId);
        EventQueue.ParkedPoll poll = q == null ? null : q.parked();
        if (poll == null || poll.answer != answer) {
            return;
        }
        q.parked(null);
        cancelTimer(poll);
        q.answeredAt(tx.nowMillis());
        tx.afterCommit(() -> poll.answer.completeExceptionally(new io.parley.server.core.UcwaException(
                io.parley.protocol.ErrorCode.ClientTimeout, "ClientGone", "The client closed the connection.")));
    }

    /** End of every change: answer the parked polls whose events are due (until nothing new is due). */
    public void finish(Tx tx) {
        for (int round = 0; round < 16; round++) {
            Set<String> touched = tx.drainTouchedQueues();
            if (touched.isEmpty()) {
                return;
            }
            for (String appId : touched) {
                EventQueue q = queues.get(appId);
                if (q == null || q.parked() == null || !q.hasPending()) {
                    continue;
                }
                long releaseAt = q.releaseAtMillis();
                if (releaseAt <= tx.nowMillis()) {
                    answerParked(tx, q);
                } else if (releaseAt < q.parked().wakeAtMillis) {
                    schedule(q, q.parked(), releaseAt, tx.nowMillis());
                }
            }
        }
    }

    private void answerParked(Tx tx, EventQueue q) {
        EventQueue.ParkedPoll poll = q.parked();
        q.parked(null);
        cancelTimer(poll);
        EventPackage pkg = q.build(MAX_EVENTS_PER_PACKAGE);
        q.answeredAt(tx.nowMillis());
        saveState(tx, q);
        tx.completeAfterCommit(poll.answer, new PollOutcome.Package(pkg));
    }

    private void wake(String appId, EventQueue.ParkedPoll poll) {
        registry.mutateAsync(tx -> {
            EventQueue q = queues.get(appId);
            if (q == null || q.parked() != poll) {
                return null;
            }
            long now = tx.nowMillis();
            long releaseAt = q.hasPending() ? q.releaseAtMillis() : Long.MAX_VALUE;
            if (now >= poll.deadlineMillis || releaseAt <= now) {
                answerParked(tx, q);
            } else {
                schedule(q, poll, Math.min(poll.deadlineMillis, releaseAt), now);
            }
            return null;
        });
    }

    private void schedule(EventQueue q, EventQueue.ParkedPoll poll, long atMillis, long nowMillis) {
        cancelTimer(poll);
        poll.wakeAtMillis = atMillis;
        String appId = q.appId();
        poll.timer = timers.schedule(() -> wake(appId, poll), Math.max(0, atMillis - nowMillis), TimeUnit.MILLISECONDS);
    }

    private static void cancelTimer(EventQueue.ParkedPoll poll) {
        if (poll.timer != null) {
            poll.timer.cancel(false);
            poll.timer = null;
        }
    }

    /** The ack of the first package the client has not acknowledged (1 for a new channel). */
    public long firstUnacknowledged(String appId) {
        EventQueue q = queues.get(appId);
        return q == null ? 1 : q.firstUnacknowledged();
    }

    /** When the channel last answered a poll (0 if never); a parked poll counts as now. */
    public long lastAnsweredMillis(String appId, long nowMillis) {
        EventQueue q = queues.get(appId);
        if (q == null) {
            return 0;
        }
        return q.hasParkedPoll() ? nowMillis : q.answeredAt();
    }

    /** Stores the queue's state, and deletes the events acknowledged since the last save (see {@link #poll}). */
    private void saveState(Tx tx, EventQueue q) {
        long trimDue = q.takeTrimDue();
        if (trimDue >= 0) {
            store.trim(tx.batch(), q.appId(), trimDue);
        }
        store.saveQueue(tx.batch(), new EventStore.QueueState(q.appId(), q.packagedSeq(), q.nextPackageNumber(),
                q.retained(), q.settings()));
    }

    /** Fails every parked poll (server shutdown), so clients retry against the next server. */
    public void shutdown(RuntimeException reason) {
        registry.read(() -> {
            for (EventQueue q : queues.values()) {
                EventQueue.ParkedPoll poll = q.parked();
                if (poll != null) {
                    cancelTimer(poll);
                    q.parked(null);
                    poll.answer.completeExceptionally(reason);
                }
            }
            return null;
        });
    }

    List<String> appIds() {
        return List.copyOf(queues.keySet());
    }
}
