package io.parley.server.core.events;

import io.parley.server.core.Tx;

/** Told, inside the poll's own change, that the client acknowledged an event carrying a receipt. */
public interface DeliveryListener {
    void delivered(Tx tx, Receipt receipt);
}
