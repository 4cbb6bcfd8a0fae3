package io.parley.server.core.presence;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

public interface PresenceStore {
    void save(WriteBatch batch, UserPresence presence);

    List<UserPresence> loadAll();
}
