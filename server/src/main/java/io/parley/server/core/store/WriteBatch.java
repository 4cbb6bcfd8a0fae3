package io.parley.server.core.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The writes of one core operation; committed atomically, in the order the operations were made.
 * Store methods add to it while the core holds its lock, so the values they copy are consistent.
 */
public final class WriteBatch {
    private final List<StoreWrite> writes = new ArrayList<>();

    public void add(StoreWrite write) {
        writes.add(write);
    }

    public List<StoreWrite> writes() {
        return writes;
    }

    public boolean isEmpty() {
        return writes.isEmpty();
    }
}
