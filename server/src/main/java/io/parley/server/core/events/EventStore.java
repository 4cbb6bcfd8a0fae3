package io.parley.server.core.events;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

/**
 * The durable side of event queues: an append-only log of events per application plus each queue's
 * package bookkeeping. Trimmed on acknowledgement.
 */
public interface EventStore {
    /** The bookkeeping of one queue, as stored. */
    record QueueState(String appId, long packagedSeq, long nextPackageNumber, EventQueue.Retained retained,
                      ChannelSettings settings) {}

    void append(WriteBatch batch, QueuedEvent event);

    void saveQueue(WriteBatch batch, QueueState state);

    /** Removes the events up to and including {@code seq}. */
    void trim(WriteBatch batch, String appId, long seq);

    void deleteQueue(WriteBatch batch, String appId);

    List<QueueState> loadQueues();

    /** All stored events, in (application, sequence) order. */
    List<QueuedEvent> loadEvents();
}
