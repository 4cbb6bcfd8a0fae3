package io.parley.server.core.events;

import io.parley.server.core.Tx;

/** Told, inside the poll's own change, that an event carrying a receipt was handed to its client. */
public interface DeliveryListener {
    void delivered(Tx tx, Receipt receipt);
}
