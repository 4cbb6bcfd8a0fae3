package io.parley.server.core.routing;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

/** The durable side of the mail between routing groups: written with the sender's change, deleted with the receiver's. */
public interface InboxStore {
    void insert(WriteBatch batch, Envelope envelope);

    void delete(WriteBatch batch, Envelope envelope);

    /** Every mail not yet applied, in (source group, seq) order. */
    List<Envelope> loadAll();
}
