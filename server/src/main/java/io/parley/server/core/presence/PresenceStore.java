package io.parley.server.core.presence;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

public interface PresenceStore {
    void save(WriteBatch batch, UserPresence presence);

    List<UserPresence> loadAll();

    /** Forgets a user's presence choices (the address changed hands). */
    void delete(WriteBatch batch, String address);
}
