package io.parley.server.core.application;

import io.parley.server.core.store.WriteBatch;
import java.util.List;

/** Applications, saved whole after each change. */
public interface ApplicationStore {
    void save(WriteBatch batch, Application application);

    void delete(WriteBatch batch, String applicationId);

    List<Application> loadAll();
}
