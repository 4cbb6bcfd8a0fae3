package io.parley.server.core.routing;

import io.parley.server.core.Registry;
import io.parley.server.core.Tx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries mail between the routing groups of this node. A group's mails are queued while its lock is still held,
 * right after its batch was handed to the store, so a later change's mails never overtake an earlier one's and a
 * receiver's batch is always submitted after the sender's. Whichever thread finds mail waiting then applies it,
 * one mutation of the target group per drain: usually the sender's own request thread, right after it released
 * its lock, so an IM costs no thread hand-off.
 *
 * <p>Danger: never drain while holding a group's lock (two groups draining into each other would deadlock);
 * {@code Registry} drains only after unlocking.
 */
public final class PostOffice {
    private static final Logger log = LoggerFactory.getLogger(PostOffice.class);
    /** Mail chains (a reply to a reply...) deeper than this continue on a fresh virtual thread. */
    private static final int MAX_NESTED_DRAINS = 8;
    private static final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    /** The group that receives mail: applies it inside one of its own changes. */
    public interface Receiver {
        void apply(Tx tx, Envelope envelope);
    }


    private final InboxStore inbox;
    private final Mailbox[] boxes;
    private final boolean atOnce;

    private static final class Mailbox {
        final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        Registry registry;
        Receiver receiver;
    }

    /** @param atOnce whether mail may be applied inside the sender's change (see {@code Registry}); tests turn it off */
    public PostOffice(int groups, InboxStore inbox, boolean atOnce) {
        this.inbox = inbox;
        this.atOnce = atOnce;
        this.boxes = new Mailbox[groups];
        for (int g = 0; g < groups; g++) {
            boxes[g] = new Mailbox();
        }
    }

    /** Connects a group's mailbox to the group (once, while the server is built). */
    public void register(int group, Registry registry, Receiver receiver) {
        boxes[group].registry = registry;
        boxes[group].receiver = receiver;
    }

    public Registry registry(int group) {
        return boxes[group].registry;
    }

    /** Mail for the group may be applied at once: no mail waits for it, nobody is applying any (call holding its lock). */
    public boolean mayApplyAtOnce(int group) {
        Mailbox box = boxes[group];
        return atOnce && box.queue.isEmpty() && !box.draining.get();
    }

    /** Applies one mail delivered at once, inside a change of its target group (see {@code Registry}). */
    public void apply(Tx tx, Envelope e) {
        try {
            boxes[e.targetGroup()].receiver.apply(tx, e);
        } catch (RuntimeException failure) {
            log.error("Mail from group {} could not be applied and is dropped: {}", e.sourceGroup(), e.mail(), failure);
        }
    }

    public InboxStore inbox() {
        return inbox;
    }

    /** Drops every queued mail (before a reload: what was stored comes back from the inbox). */
    public void clear() {
        for (Mailbox box : boxes) {
            box.queue.clear();
        }
    }

    /** Queues mails for their targets (the sender holds its lock; see the class comment). */
    public void post(Collection<Envelope> envelopes) {
        for (Envelope e : envelopes) {
            boxes[e.targetGroup()].queue.add(e);
        }
    }

    /** Applies the mail waiting for these groups (call without holding any group's lock). */
    public void drain(Collection<Integer> targets) {
        int[] d = depth.get();
        if (d[0] >= MAX_NESTED_DRAINS) {
            List<Integer> later = List.copyOf(targets);
            Thread.ofVirtual().name("parley-mail").start(() -> drain(later));
            return;
        }
        d[0]++;
        try {
            for (int target : targets) {
                drainOne(boxes[target]);
            }
        } finally {
            d[0]--;
        }
    }

    private void drainOne(Mailbox box) {
        // Whoever holds the flag drains; a mail queued meanwhile is seen by the holder's re-check of the queue.
        while (!box.queue.isEmpty() && box.draining.compareAndSet(false, true)) {
            try {
                List<Envelope> batch = new ArrayList<>();
                for (Envelope e; (e = box.queue.poll()) != null; ) {
                    batch.add(e);
                }
                if (!batch.isEmpty()) {
                    box.registry.mutateAsync(tx -> {
                        batch.forEach(e -> applyOne(tx, box, e));
                        return null;
                    });
                }
            } finally {
                box.draining.set(false);
            }
        }
    }

    private void applyOne(Tx tx, Mailbox box, Envelope e) {
        if (e.mail().durable()) {
            inbox.delete(tx.batch(), e);
        }
        try {
            box.receiver.apply(tx, e);
        } catch (RuntimeException failure) {
            // A mail that cannot be applied is a bug: dropped (its row goes with this change) rather than
            // retried forever, and said loudly.
            log.error("Mail from group {} could not be applied and is dropped: {}", e.sourceGroup(), e.mail(), failure);
        }
    }
}
